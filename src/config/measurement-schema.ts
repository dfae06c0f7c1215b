import * as z from 'zod/mini';
import { ExperimentsSchema, GoalsSchema, HoldoutSchema, experimentIssue } from './experiment-schema';
import { describeIssue, type SchemaIssue } from '../lib/describe-issue';
import type { MeasurementConfig } from '../types/config';

z.config({ jitless: true });

const url = z.string().check(z.minLength(1), z.maxLength(2048));
const name = z.string().check(z.minLength(1), z.maxLength(128));

/**
 * `config.measurement`. The core accepts it as it is (to stay small) and the chunks that
 * use it check it here: the engine (experiments, holdout) and the measure chunk.
 */
export const MeasurementSchema = z.strictObject({
  experiments: z.optional(ExperimentsSchema),
  holdout: z.optional(HoldoutSchema),
  goals: z.optional(GoalsSchema),
  attributionDays: z.optional(z.number().check(z.gte(0), z.lte(90))),
  dataLayer: z.optional(
    z.strictObject({ name: z.optional(name), exposureEvent: z.optional(name), conversionEvent: z.optional(name) }),
  ),
  beacon: z.optional(
    z.strictObject({
      url,
      batchSize: z.optional(z.number().check(z.multipleOf(1), z.gte(1), z.lte(100))),
      flushInterval: z.optional(z.number().check(z.gte(100), z.lte(600_000))),
      maxQueue: z.optional(z.number().check(z.multipleOf(1), z.gte(1), z.lte(5000))),
      epsilon: z.optional(z.number().check(z.gt(0), z.lte(10))),
      vitals: z.optional(z.boolean()),
    }),
  ),
});

const parsed = new WeakMap<object, MeasurementResult>();

/** The checked measurement config, or the first fault in words. */
export type MeasurementResult = { ok: true; value: MeasurementConfig } | { ok: false; message: string; path: string };

/** Checks `config.measurement` (once per object). */
export function parseMeasurement(input: unknown): MeasurementResult {
  if (input === undefined) return { ok: true, value: {} };
  const known = input !== null && typeof input === 'object' ? parsed.get(input) : undefined;
  if (known) return known;
  const result = MeasurementSchema.safeParse(input);
  let out: MeasurementResult;
  if (!result.success) {
    const first = describeIssue(result.error.issues[0] as SchemaIssue);
    out = { ok: false, message: first.message, path: `measurement.${first.path}` };
  } else {
    const issue = experimentIssue(result.data.experiments, result.data.goals, result.data.holdout?.id);
    out = issue
      ? { ok: false, message: issue[0], path: `measurement.${issue[1]}` }
      : { ok: true, value: result.data as MeasurementConfig };
  }
  if (input !== null && typeof input === 'object') parsed.set(input, out);
  return out;
}
