import type { Cap } from '../types/config';

const limit = (v: unknown): boolean => v === undefined || (Number.isInteger(v) && (v as number) >= 1);

/** Whether a `frequencyCaps` config value is `{ SEGMENT_ID: { session?, day? } }` with whole numbers ≥ 1 (other keys are ignored). */
export function validCaps(caps: Record<string, unknown>): boolean {
  return Object.values(caps).every(
    (c) => typeof c === 'object' && limit((c as Cap | null)?.session) && limit((c as Cap | null)?.day) && !!c,
  );
}
