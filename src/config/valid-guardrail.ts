import type { GuardrailConfig } from '../types/guardrail';

const within = (v: unknown, max: number): boolean => v === undefined || (typeof v === 'number' && v >= 0 && v <= max);

/**
 * Whether a `guardrail` config value is `false` or `{ cls?: 0–10, days?: 0–3650 }` (no
 * other keys). Checked by hand: a zod union of a literal and an object adds about 0.4 KB
 * to the chunk every page loads.
 */
export function validGuardrail(value: unknown): value is false | Partial<GuardrailConfig> {
  if (value === false) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { cls, days, ...rest } = value as Record<string, unknown>;
  return within(cls, 10) && within(days, 3650) && !Object.keys(rest).length;
}
