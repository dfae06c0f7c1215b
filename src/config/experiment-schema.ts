import * as z from 'zod/mini';

z.config({ jitless: true });

/** Limits of the experiments part: a bundle or config beyond them is refused. */
export const EXPERIMENT_LIMITS = { experiments: 32, arms: 8, goals: 32, slots: 64 } as const;

const id = z.string().check(z.minLength(1), z.maxLength(64));
const share = z.number().check(z.gte(0), z.lte(1));

const ArmSchema = z.object({
  id,
  weight: z.number().check(z.gt(0), z.lte(1_000_000)),
  variants: z.optional(z.array(z.object({ segment: id, variant: id })).check(z.maxLength(1024))),
});

const ExperimentSchema = z.object({
  id,
  seed: z.optional(z.string().check(z.maxLength(128))),
  slots: z.optional(z.array(id).check(z.minLength(1), z.maxLength(EXPERIMENT_LIMITS.slots))),
  segments: z.optional(z.array(id).check(z.minLength(1), z.maxLength(1024))),
  traffic: z.optional(share),
  arms: z.array(ArmSchema).check(z.minLength(2), z.maxLength(EXPERIMENT_LIMITS.arms)),
});

/** `experiments` in a bundle or in `config.measurement`. */
export const ExperimentsSchema = z.array(ExperimentSchema).check(z.maxLength(EXPERIMENT_LIMITS.experiments));

/** `holdout`: a share of visitors who never see personalization. */
export const HoldoutSchema = z.object({
  share,
  id: z.optional(id),
  seed: z.optional(z.string().check(z.maxLength(128))),
});

/** `goals`: events that count as conversions. */
export const GoalsSchema = z
  .array(
    z.object({
      id,
      event: z.string().check(z.minLength(1), z.maxLength(128)),
      value: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
      pageType: z.optional(id),
    }),
  )
  .check(z.maxLength(EXPERIMENT_LIMITS.goals));

/** What a schema cannot say: unique ids (experiments, arms in each, goals) and arm ids not `default`. */
export function experimentIssue(
  experiments: readonly { id: string; arms: readonly { id: string }[] }[] | undefined,
  goals: readonly { id: string }[] | undefined,
  holdoutId?: string,
): [message: string, path: string] | null {
  const seen = new Set<string>(holdoutId ? [holdoutId] : []);
  for (const [i, e] of (experiments ?? []).entries()) {
    if (seen.has(e.id)) return [`experiment id "${e.id}" is used twice`, `experiments.${i}.id`];
    seen.add(e.id);
    const arms = new Set<string>();
    for (const [j, a] of e.arms.entries()) {
      if (arms.has(a.id) || a.id === 'default' || a.id === 'holdout')
        return [`arm id "${a.id}" is repeated or reserved`, `experiments.${i}.arms.${j}.id`];
      arms.add(a.id);
    }
  }
  const goalIds = new Set<string>();
  for (const [i, g] of (goals ?? []).entries()) {
    if (goalIds.has(g.id)) return [`goal id "${g.id}" is used twice`, `goals.${i}.id`];
    goalIds.add(g.id);
  }
  return null;
}
