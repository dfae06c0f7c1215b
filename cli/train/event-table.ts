import { resolveFeature } from '../../src/features/catalogue';
import { featureContext, pageGroupIndex } from '../../src/features/context';
import { applyEvent, startsSession, type ReduceOptions } from '../../src/profile/reduce';
import { emptyProfile } from '../../src/profile/empty';
import type { EdgesegEvent } from '../../src/types/event';
import type { Profile } from '../../src/types/profile';
import type { Table } from './table';
import { columnOf, type TrainingSpec } from './training-spec';

/** The time `rows: "visitors"` snapshots every visitor at: `asOf`, else the last event of the input. */
function asOfTime(visitors: Map<string, EdgesegEvent[]>, asOf: string | undefined): number {
  if (asOf !== undefined) {
    const t = Date.parse(asOf);
    if (!Number.isFinite(t)) throw new Error(`"asOf": "${asOf}" is not an ISO date`);
    return t;
  }
  let last = -Infinity;
  for (const events of visitors.values()) for (const e of events) if (e.t > last) last = e.t;
  return last;
}

/**
 * Training rows from raw events: each visitor's events are folded by the browser's own
 * reducer, and one row is taken at the end of every session (when the next event opens a
 * new one, after a timeout or on a new campaign, and after the last), at the session's
 * last event, its raw values resolved by the browser's feature
 * catalogue. So a row is what the SDK would have seen at the end of that visit. With
 * `"rows": "visitors"` (RFM), each visitor is one row, taken at one common time (`asOf`,
 * default the input's last event), as an analysis of "today's" customers would; events
 * after it are left out. `extra` catalogue values (an outcome) are added as columns.
 */
export function eventTable(
  visitors: Map<string, EdgesegEvent[]>,
  spec: TrainingSpec,
  extra: readonly string[] = [],
): Table {
  const options: ReduceOptions = { sessionTimeout: (spec.sessionTimeoutMinutes ?? 30) * 60_000 };
  const pageGroups = pageGroupIndex(spec.pageGroups);
  const header = [...spec.features.map(columnOf), ...extra];
  const names = [...spec.features.map((f) => f.name), ...extra];
  const rows: Table['rows'] = [];
  const snapshot = (profile: Profile, now: number) => {
    const ctx = featureContext(now, pageGroups);
    rows.push({ line: rows.length + 1, cells: names.map((name) => resolveFeature(name, profile, ctx)) });
  };
  const perVisitor = spec.rows === 'visitors';
  const asOf = perVisitor ? asOfTime(visitors, spec.asOf) : 0;
  for (const events of visitors.values()) {
    let profile: Profile | null = null;
    for (const event of events) {
      if (perVisitor && event.t > asOf) break;
      profile ??= emptyProfile(event.t);
      // The reducer's own test: a session also ends on a new campaign, and a scroll or
      // engagement event after the timeout opens none (so it must not take a row twice).
      if (!perVisitor && profile.session && startsSession(profile, event, Math.max(event.t, profile.lastSeen), options))
        snapshot(profile, profile.session.last);
      applyEvent(profile, event, options);
    }
    // A visitor whose events opened no session (only traits, say) made no visit: no row.
    if (profile && perVisitor) snapshot(profile, asOf);
    else if (profile?.session) snapshot(profile, profile.session.last);
  }
  return { header, rows };
}
