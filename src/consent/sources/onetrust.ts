import { own } from '../../lib/own';
import { byMapping, everyPurpose, guarded, type ConsentSource, type Opinion } from './source';
import { DEFAULT_MAPPINGS } from './default-mappings';

/** OneTrust's standard categories: C0003 "Functional" (personalisation), C0002 "Performance". */
const MAPPING = DEFAULT_MAPPINGS.onetrust;

interface OneTrustWindow {
  OptanonActiveGroups?: string;
  OneTrust?: { IsAlertBoxClosed?: () => boolean };
}

/**
 * Reads `OptanonActiveGroups` (",C0001,C0003,"). A category that is not active counts as
 * pending until the visitor closed the banner, denied after. Not loaded yet: pending.
 */
export function oneTrustOpinion(
  win: OneTrustWindow,
  mapping: { personalization?: string[] | undefined; measurement?: string[] | undefined } = {},
): Opinion {
  // Own properties only: OneTrust's globals, never what a polluted Object.prototype adds.
  const groups = own(win, 'OptanonActiveGroups');
  if (typeof groups !== 'string') return everyPurpose('pending');
  const active = new Set(groups.split(',').filter(Boolean));
  let closed = false;
  try {
    closed = (own(win, 'OneTrust') as OneTrustWindow['OneTrust'])?.IsAlertBoxClosed?.() === true;
  } catch {
    /* an old OneTrust: treat as still open */
  }
  const opinion = byMapping(
    {
      personalization: mapping.personalization ?? MAPPING.personalization,
      measurement: mapping.measurement ?? MAPPING.measurement,
    },
    (id) => active.has(String(id)),
  );
  if (!closed)
    for (const purpose of ['personalization', 'measurement'] as const)
      if (opinion[purpose] === 'denied') opinion[purpose] = 'pending';
  return opinion;
}

/** OneTrust: `OptanonActiveGroups` and the `OneTrustGroupsUpdated` event. */
export const oneTrustSource: ConsentSource = {
  name: 'onetrust',
  present: (win) => own(win, 'OneTrust') !== undefined || own(win, 'OptanonActiveGroups') !== undefined,
  start(win, config, report, fail) {
    const update = guarded(
      () => report(oneTrustOpinion(win as unknown as OneTrustWindow, config.sources.onetrust)),
      fail,
    );
    update();
    win.addEventListener('OneTrustGroupsUpdated', update);
    return () => win.removeEventListener('OneTrustGroupsUpdated', update);
  },
};
