/**
 * Hysteresis between segments: a visitor already in `previous` moves to `best` only when
 * `best` wins by at least `margin` in confidence. Without it a visitor half-way between
 * two centroids flips on every page view, and so does the page. Returns the index kept.
 */
export function keepOrSwitch(confidence: ArrayLike<number>, best: number, previous: number, margin: number): number {
  if (previous < 0 || previous === best || margin <= 0) return best;
  const gap = (confidence[best] as number) - (confidence[previous] as number);
  return gap >= margin ? best : previous;
}
