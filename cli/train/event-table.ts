import { resolveFeature } from '../../src/features/catalogue';
import { isSafeKey } from '../../src/lib/safe-key';
import { applyEvent } from '../../src/profile/reduce';
import { emptyProfile } from '../../src/profile/empty';
import type { EdgesegEvent } from '../../src/types/event';
import type { Profile } from '../../src/types/profile';
import type { Table } from './table';
import { columnOf, type TrainingSpec } from './training-spec';

/** A bundle's page groups as the scorer indexes them (unsafe names dropped the same way). */
export function pageGroupMap(groups: TrainingSpec['pageGroups']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of groups ?? []) if (isSafeKey(group.name)) out[group.name] = group.types;
  return out;
}

/**
 * Training rows from raw events: each visitor's events are folded by the browser's own
 * reducer, and one row is taken at the end of every session (when the next event would
 * open a new one, and after the last), its raw values resolved by the browser's feature
 * catalogue. So a row is what the SDK would have seen at the end of that visit.
 */
export function eventTable(visitors: Map<string, EdgesegEvent[]>, spec: TrainingSpec): Table {
  const timeout = (spec.sessionTimeoutMinutes ?? 30) * 60_000;
  const pageGroups = pageGroupMap(spec.pageGroups);
  const header = spec.features.map(columnOf);
  const rows: Table['rows'] = [];
  const snapshot = (profile: Profile, now: number) => {
    const ctx = { now, weekday: new Date(now).getDay(), pageGroups };
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
