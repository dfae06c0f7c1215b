import { resolveFeature } from '../features/catalogue';
import type { FeatureContext } from '../features/context';
import { resolveCategory } from '../features/category';
import type { Bundle, CompositeScore, Condition, Rule } from '../types/bundle';
import type { Profile } from '../types/profile';

/** Everything a rule or score can read, gathered once per scoring. */
export interface RuleInputs {
  bundle: Bundle;
  profile: Profile | null;
  ctx: FeatureContext;
  /** Transformed model inputs by feature name (numeric features only). */
  features: Record<string, number>;
  propensities: Record<string, number>;
  scores: Record<string, number>;
  /** The model's segment (before rules), or null. */
  segment: string | null;
}

const own = (record: Record<string, number>, key: string): number | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/** The value of a rule input: a number, a string, or `undefined` when the visitor has none. */
export function readInput(inputs: RuleInputs, name: string): number | string | undefined {
  const dot = name.indexOf('.');
  const head = dot < 0 ? name : name.slice(0, dot);
  const rest = name.slice(dot + 1);
  switch (head) {
    case 'segment':
      return inputs.segment ?? undefined;
    case 'feature':
      return own(inputs.features, rest);
    case 'propensity':
      return own(inputs.propensities, rest);
    case 'score':
      return own(inputs.scores, rest);
    case 'context': {
      if (inputs.ctx.withheld?.(name)) return undefined;
      if (rest === 'page_type') return resolveCategory('page_type', inputs.profile);
      const date = new Date(inputs.ctx.now);
      return rest === 'hour' ? date.getHours() : inputs.ctx.weekday;
    }
    default: {
      if (inputs.ctx.withheld?.(name)) return undefined;
      const text = resolveCategory(name, inputs.profile);
      const n = resolveFeature(name, inputs.profile, inputs.ctx);
      // A string trait reads as text; numbers and booleans as numbers.
      return n !== undefined ? n : text;
    }
  }
}

/** Whether one condition holds. A missing value fails every test but `missing`. */
export function holds(inputs: RuleInputs, c: Condition): boolean {
  const v = readInput(inputs, c.input);
  if (c.op === 'missing') return v === undefined;
  if (v === undefined) return false;
  if (c.op === 'exists') return true;
  const texts = c.values;
  if (c.op === 'in' || ((c.op === 'eq' || c.op === 'neq') && texts)) {
    const found = !!texts && texts.includes(String(v));
    return c.op === 'neq' ? !found : found;
  }
  const n = typeof v === 'number' ? v : Number(v);
  const target = c.value as number;
  if (!Number.isFinite(n)) return c.op === 'neq';
  switch (c.op) {
    case 'gt':
      return n > target;
    case 'gte':
      return n >= target;
    case 'lt':
      return n < target;
    case 'lte':
      return n <= target;
    case 'eq':
      return n === target;
    default:
      return n !== target;
  }
}

/** Whether a rule matches: every `all` condition and, when there are any, one `any` condition. */
export function matches(inputs: RuleInputs, rule: Rule): boolean {
  const all = rule.all ?? [];
  const any = rule.any ?? [];
  return all.every((c) => holds(inputs, c)) && (any.length === 0 || any.some((c) => holds(inputs, c)));
}

/** One composite score; a missing input counts as 0 so a score is always a number. */
export function compositeScore(inputs: RuleInputs, score: CompositeScore): number {
  let sum = score.bias ?? 0;
  for (const term of score.terms) {
    const v = readInput(inputs, term.input);
    const n = typeof v === 'number' && Number.isFinite(v) ? v : 0;
    sum += term.weight * n;
  }
  return score.squash === 'sigmoid' ? 1 / (1 + Math.exp(-sum)) : sum;
}

/** Fills `inputs.scores` in bundle order (a score may use the ones before it). */
export function computeScores(inputs: RuleInputs): Record<string, number> {
  for (const score of inputs.bundle.scores ?? []) inputs.scores[score.id] = compositeScore(inputs, score);
  return inputs.scores;
}

/** The first override rule that matches, and every matching overlay, in bundle order. */
export function applyRules(inputs: RuleInputs): { override: Rule | null; overlays: Rule[] } {
  let override: Rule | null = null;
  const overlays: Rule[] = [];
  for (const rule of inputs.bundle.rules ?? []) {
    if (rule.mode === 'overlay') {
      if (matches(inputs, rule)) overlays.push(rule);
    } else if (!override && matches(inputs, rule)) override = rule;
  }
  return { override, overlays };
}
