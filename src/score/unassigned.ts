import type { Assignment } from '../types/decision';

/** An assignment to no segment, with the reason in words. */
export function unassigned(explanation: string, bundleVersion: number | null = null): Assignment {
  return {
    id: null,
    label: null,
    confidence: 0,
    explanation,
    contributions: [],
    bundleVersion,
    distances: {},
    source: 'none',
  };
}
