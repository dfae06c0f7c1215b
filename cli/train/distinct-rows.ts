import type { Matrix } from './matrix';

/**
 * The number of distinct rows, counting no further than `limit`: k-means cannot place
 * more centres than there are distinct points (the extra ones end up empty, duplicating
 * another), and on real data the first few rows already settle the question.
 */
export function distinctRows(x: Matrix, limit: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < x.n && seen.size < limit; i++) seen.add(x.data.subarray(i * x.d, i * x.d + x.d).join(','));
  return seen.size;
}
