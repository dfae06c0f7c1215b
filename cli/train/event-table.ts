import { resolveFeature } from '../../src/features/catalogue';
import { featureContext, pageGroupIndex } from '../../src/features/context';
import { applyEvent } from '../../src/profile/reduce';
import { emptyProfile } from '../../src/profile/empty';
import type { EdgesegEvent } from '../../src/types/event';
import type { Profile } from '../../src/types/profile';
import type { Table } from './table';
import { columnOf, type TrainingSpec } from './training-spec';

/**
 * Training rows from raw events: each visitor's events are folded by the browser's own
 * reducer, and one row is taken at the end of every session (when the next event would
 * open a new one, and after the last), its raw values resolved by the browser's feature
 * catalogue. So a row is what the SDK would have seen at the end of that visit.
 */
export function eventTable(visitors: Map<string, EdgesegEvent[]>, spec: TrainingSpec): Table {
  const timeout = (spec.sessionTimeoutMinutes ?? 30) * 60_000;
  const pageGroups = pageGroupIndex(spec.pageGroups);
  const header = spec.features.map(columnOf);
  const rows: Table['rows'] = [];
  const snapshot = (profile: Profile, now: number) => {
    const ctx = featureContext(now, pageGroups);
    rows.push({ line: rows.length + 1, cells: spec.features.map((f) => resolveFeature(f.name, profile, ctx)) });
  };
  for (const events of visitors.values()) {
    let profile: Profile | null = null;
    for (const event of events) {
      profile ??= emptyProfile(event.t);
      if (profile.session && event.t - profile.session.last > timeout) snapshot(profile, profile.session.last);
      applyEvent(profile, event, { sessionTimeout: timeout });
    }
    if (profile) snapshot(profile, profile.lastSeen);
  }
  return { header, rows };
}
