import * as z from 'zod/mini';
import { ExperimentsSchema, HoldoutSchema, experimentIssue } from './experiment-schema';
import type { MeasurementConfig } from '../types/config';

z.config({ jitless: true });

/** The part the engine reads (experiments, holdout): built from schemas the bundle schema already has. */
const ArmsPartSchema = z.object({ experiments: z.optional(ExperimentsSchema), holdout: z.optional(HoldoutSchema) });

const armsParts = new WeakMap<object, Pick<MeasurementConfig, 'experiments' | 'holdout'> | null>();

/**
 * The experiments and holdout of `config.measurement`, or `null` when they are invalid
 * (the measure chunk checks the whole section and reports it).
 */
export function measurementArms(input: unknown): Pick<MeasurementConfig, 'experiments' | 'holdout'> | null {
  if (input === null || typeof input !== 'object') return null;
  let known = armsParts.get(input);
  if (known === undefined) {
    const result = ArmsPartSchema.safeParse(input);
    const ok =
      result.success && !experimentIssue(result.data.experiments, undefined, result.data.holdout?.id)
        ? result.data
        : null;
    armsParts.set(input, (known = ok as Pick<MeasurementConfig, 'experiments' | 'holdout'> | null));
  }
  return known;
}
