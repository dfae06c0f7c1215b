import type { Report } from '../collect/payload-schema';

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Whether a parsed line holds every field of an `edgeseg-events/1` report that the report
 * reads, with the right types. A hand check rather than the collector's zod schema: this
 * runs once per line of million-line inputs, and the collector has already validated what
 * it wrote; this catches files from elsewhere, edits and other versions.
 */
export function isReport(v: unknown): v is Report {
  if (!isObject(v) || !isString(v.id) || v.type !== 'page_view' || !isString(v.hour)) return false;
  if (!(v.segment === null || isString(v.segment))) return false;
  if (!Array.isArray(v.arms) || v.arms.length === 0 || !Array.isArray(v.goals)) return false;
  for (const a of v.arms as unknown[]) {
    if (!isObject(a) || !isString(a.experiment) || !isString(a.arm) || typeof a.exposed !== 'boolean') return false;
  }
  for (const g of v.goals as unknown[]) {
    if (!isObject(g) || !isString(g.goal) || typeof g.converted !== 'boolean') return false;
    if (g.value !== undefined && !isNumber(g.value)) return false;
  }
  if (v.rr !== undefined && !(isObject(v.rr) && isNumber(v.rr.epsilon) && v.rr.epsilon > 0)) return false;
  if (v.vitals !== undefined && !isObject(v.vitals)) return false;
  if (
    v.distanceBand !== undefined &&
    !(v.distanceBand === 0 || v.distanceBand === 1 || v.distanceBand === 2 || v.distanceBand === 3)
  )
    return false;
  return true;
}
