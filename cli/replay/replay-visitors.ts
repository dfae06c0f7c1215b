import engine from '../../src/chunks/engine';
import { applyEvent } from '../../src/profile/reduce';
import { emptyProfile } from '../../src/profile/empty';
import type { EdgesegEvent } from '../../src/types/event';
import type { PreparedBundle } from '../../src/chunks/engine-contract';
import type { Profile } from '../../src/types/profile';

/** One point of a visitor's timeline: after this event, the visitor was in this segment. */
export interface TimelinePoint {
  visitor: string;
  t: number;
  event: string;
  segment: string | null;
  label: string | null;
  confidence: number;
}

/**
 * Replays each visitor's events through the browser's own reducer (`applyEvent`) and
 * engine (`engine.score`), scoring after every event at the event's time. With
 * `changesOnly`, a point is kept only when the segment changes (and the first one).
 */
export function replayVisitors(
  visitors: Map<string, EdgesegEvent[]>,
  prepared: PreparedBundle,
  options: { sessionTimeout: number; changesOnly: boolean },
): TimelinePoint[] {
  const out: TimelinePoint[] = [];
  for (const [visitor, events] of visitors) {
    let profile: Profile | null = null;
    let last: string | null | undefined;
    for (const event of events) {
      profile ??= emptyProfile(event.t);
      applyEvent(profile, event, { sessionTimeout: options.sessionTimeout });
      const a = engine.score(prepared, profile, event.t);
      if (options.changesOnly && a.id === last) continue;
      last = a.id;
      out.push({
        visitor,
        t: event.t,
        event: event.kind === 'page' ? `page:${String(event.props['pageType'] ?? 'other')}` : event.name,
        segment: a.id,
        label: a.label,
        confidence: Number(a.confidence.toFixed(4)),
      });
    }
  }
  return out;
}

/** Each visitor's segment at their last event, counted by segment (null: unassigned). */
export function finalSegments(points: readonly TimelinePoint[]): Map<string | null, number> {
  const last = new Map<string, string | null>();
  for (const p of points) last.set(p.visitor, p.segment);
  const counts = new Map<string | null, number>();
  for (const s of last.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
  return counts;
}
