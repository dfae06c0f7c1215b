import { normalizeEvent } from '../../src/collect/normalize-event';
import type { EdgesegEvent, EventKind } from '../../src/types/event';
import type { BadLine } from '../train/table';

/** Keys that may name the visitor on an event line, in order of preference. */
export const VISITOR_KEYS = ['visitor', 'visitorId', 'anonymousId', 'userId'] as const;

const KINDS = new Set<EventKind>(['page', 'track', 'identify']);

/** True when an NDJSON object looks like a raw event rather than a feature row. */
export function looksLikeEvent(value: Record<string, unknown>): boolean {
  return typeof value['kind'] === 'string' && KINDS.has(value['kind'] as EventKind) && typeof value['t'] === 'number';
}

/**
 * Raw events NDJSON (`{"visitor":"v1","kind":"page","name":"page_view","t":…,"props":{…}}`
 * a line) grouped by visitor, each through the browser's own `normalizeEvent`, sorted by
 * time (stable, so equal times keep file order). Visitors keep first-seen order.
 */
export function readEvents(text: string, skipBad: boolean): { visitors: Map<string, EdgesegEvent[]>; bad: BadLine[] } {
  const visitors = new Map<string, EdgesegEvent[]>();
  const bad: BadLine[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === '') continue;
    const problem = addLine(visitors, raw, i + 1);
    if (problem) {
      bad.push({ line: i + 1, reason: problem });
      if (!skipBad) break;
    }
  }
  for (const events of visitors.values()) events.sort((a, b) => a.t - b.t);
  return { visitors, bad };
}

function addLine(visitors: Map<string, EdgesegEvent[]>, raw: string, line: number): string | null {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return 'not valid JSON';
  }
  if (!value || typeof value !== 'object' || !looksLikeEvent(value))
    return 'not an event (needs "kind": page|track|identify and a numeric "t")';
  const key = VISITOR_KEYS.find((k) => typeof value[k] === 'string' || typeof value[k] === 'number');
  const visitor = key ? String(value[key]) : 'anonymous';
  const kind = value['kind'] as EventKind;
  const name = value['name'] ?? (kind === 'page' ? 'page_view' : kind === 'identify' ? 'identify' : undefined);
  const normal = normalizeEvent(
    kind,
    name,
    value['props'] ?? {},
    value['t'] as number,
    typeof value['id'] === 'string' ? value['id'] : `line-${line}`,
  );
  if (!normal.ok) return normal.error.message;
  let list = visitors.get(visitor);
  if (!list) visitors.set(visitor, (list = []));
  list.push(normal.event);
  return null;
}
