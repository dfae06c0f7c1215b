import type { Retention } from '../types/config';
import type { Profile } from '../types/profile';

const DAY = 86_400_000;
const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

/**
 * When each stored item will be erased, for the debug overlay: the same rules the privacy
 * manifest states (`src/store/declarations.ts`), applied to this visitor's profile.
 */
export function retentionRows(
  r: Retention,
  profile: Profile | null,
  storage: 'indexeddb' | 'memory' | 'none',
  now: number,
): [string, string][] {
  if (storage !== 'indexeddb') return [['stored', storage === 'memory' ? 'nothing: memory only' : 'nothing']];
  const rows: [string, string][] = [];
  if (profile)
    rows.push(['profile', `erased ${day(profile.lastSeen + r.profileDays * DAY)} unless the visitor returns`]);
  rows.push(
    [
      'raw events',
      `each erased ${r.maxAgeDays} days after it is recorded (from ${day(now - r.maxAgeDays * DAY)} kept); at most ${r.maxEvents}`,
    ],
    ['bundle cache', `erased after ${r.bundleDays} days unconfirmed by the server`],
    ['edgeseg:last', 'replaced by every decision'],
    ['edgeseg:consent', 'kept until forget()'],
  );
  return rows;
}
