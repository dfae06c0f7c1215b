import { own } from '../../lib/own';
import { byMapping, everyPurpose, guarded, type ConsentSource, type Opinion } from './source';
import { DEFAULT_MAPPINGS } from './default-mappings';

/** Cookiebot's categories each purpose needs by default. */
const MAPPING = DEFAULT_MAPPINGS.cookiebot;
const EVENTS = ['CookiebotOnConsentReady', 'CookiebotOnAccept', 'CookiebotOnDecline'];

interface CookiebotWindow {
  Cookiebot?: { consent?: Record<string, boolean>; hasResponse?: boolean };
}

/** Reads `Cookiebot.consent`; pending until the visitor answered (`hasResponse`). */
export function cookiebotOpinion(
  win: CookiebotWindow,
  mapping: { personalization?: string[] | undefined; measurement?: string[] | undefined } = {},
): Opinion {
  // Own properties only: Cookiebot's, never what a polluted Object.prototype adds.
  const bot = own(win, 'Cookiebot');
  const consent = own(bot, 'consent');
  if (!consent || own(bot, 'hasResponse') !== true) return everyPurpose('pending');
  return byMapping(
    {
      personalization: mapping.personalization ?? MAPPING.personalization,
      measurement: mapping.measurement ?? MAPPING.measurement,
    },
    (category) => own(consent, category) === true,
  );
}

/** Cookiebot: `Cookiebot.consent` and its `CookiebotOnConsentReady`/`OnAccept`/`OnDecline` events. */
export const cookiebotSource: ConsentSource = {
  name: 'cookiebot',
  present: (win) => own(win, 'Cookiebot') !== undefined,
  start(win, config, report, fail) {
    const update = guarded(
      () => report(cookiebotOpinion(win as unknown as CookiebotWindow, config.sources.cookiebot)),
      fail,
    );
    update();
    for (const name of EVENTS) win.addEventListener(name, update);
    return () => EVENTS.forEach((name) => win.removeEventListener(name, update));
  },
};
