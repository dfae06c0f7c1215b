import { PURPOSES, type ConsentState, type ConsentStatus } from '../types/consent';

/** Conservative combination of statuses: any denial wins, then any pending, else granted. */
export function combineStatus(values: readonly (ConsentStatus | undefined)[]): ConsentStatus | undefined {
  return values.includes('denied')
    ? 'denied'
    : values.includes('pending')
      ? 'pending'
      : values.includes('granted')
        ? 'granted'
        : undefined;
}

/**
 * Combines several sources' opinions purpose by purpose (any denial wins). A purpose no
 * source speaks for is left out; `null` when no source has an opinion at all.
 */
export function combineOpinions(
  opinions: readonly (Partial<ConsentState> | null | undefined)[],
): Partial<ConsentState> | null {
  const out: Partial<ConsentState> = {};
  let any = false;
  for (const purpose of PURPOSES) {
    const status = combineStatus(opinions.map((o) => o?.[purpose]));
    if (status) {
      out[purpose] = status;
      any = true;
    }
  }
  return any ? out : null;
}
