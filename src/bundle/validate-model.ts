import { experimentIssue } from '../config/experiment-schema';
import { isKnownFeature } from '../features/catalogue';
import { isCategoryName } from '../features/category';
import type { EdgesegErrorCode } from '../lib/errors';
import type { Bundle, Condition } from '../types/bundle';
import { BUNDLE_LIMITS } from './schema';

/** A cross-field problem: its code, words and where. */
export type ModelIssue = [code: EdgesegErrorCode, message: string, path: string];

const mismatch = (message: string, path: string): ModelIssue => ['bundle_dimension_mismatch', message, path];
const invalid = (message: string, path: string): ModelIssue => ['bundle_invalid', message, path];

/** Model inputs per feature: one, or one per category of a one-hot feature. */
export function inputWidth(bundle: Bundle): number {
  let d = 0;
  for (const f of bundle.features) d += f.categories?.length ?? 1;
  return d;
}

function checkFeatures(bundle: Bundle): ModelIssue | null {
  for (const [i, feature] of bundle.features.entries()) {
    const at = `features[${i}]`;
    const known = isKnownFeature(feature.name) || (feature.categories !== undefined && isCategoryName(feature.name));
    if (!known) return invalid(`unknown feature "${feature.name}"`, `${at}.name`);
    const { clip, scale } = feature;
    if (clip && (clip[0] as number) > (clip[1] as number))
      return invalid('clip minimum is above its maximum', `${at}.clip`);
    if (scale?.type === 'z' && (scale.mean === undefined || scale.std === undefined))
      return invalid('z scaling needs mean and std', `${at}.scale`);
    if (scale?.type === 'minmax' && (scale.min === undefined || scale.max === undefined))
      return invalid('minmax scaling needs min and max', `${at}.scale`);
  }
  return null;
}

/** The model's input size after the optional projection, or the issue with the projection. */
function checkProjection(bundle: Bundle, width: number): number | ModelIssue {
  const projection = bundle.projection;
  if (!projection) return width;
  for (const [i, row] of projection.matrix.entries()) {
    if (row.length !== width)
      return mismatch(`projection row ${i} has ${row.length} values for ${width} inputs`, `projection.matrix[${i}]`);
  }
  if (projection.mean && projection.mean.length !== width)
    return mismatch(`projection mean has ${projection.mean.length} values for ${width} inputs`, 'projection.mean');
  return projection.matrix.length;
}

function checkCentroids(bundle: Bundle, d: number): ModelIssue | null {
  const { centroids } = bundle.model;
  for (let i = 0; i < centroids.length; i++) {
    const n = (centroids[i] as number[]).length;
    if (n !== d) return mismatch(`centroid ${i} has ${n} values for ${d} model inputs`, `model.centroids[${i}]`);
  }
  const modelSegments = bundle.segments.filter((s) => !s.ruleOnly).length;
  if (modelSegments !== centroids.length)
    return mismatch(`${modelSegments} model segments for ${centroids.length} centroids`, 'segments');
  const ids = new Set<string>();
  for (const [i, segment] of bundle.segments.entries()) {
    if (ids.has(segment.id) || segment.id === 'default')
      return invalid(`segment id "${segment.id}" is repeated or reserved`, `segments[${i}].id`);
    ids.add(segment.id);
    const q = segment.distanceQuantiles;
    // Out of order, a band would skip a step.
    if (q && (q.p50 > q.p90 || q.p90 > q.p99))
      return invalid('need p50 ≤ p90 ≤ p99', `segments[${i}].distanceQuantiles`);
  }
  return null;
}

function checkTfjs(bundle: Bundle, width: number): ModelIssue | null {
  const net = bundle.tfjs;
  if (!net) return null;
  let inputs = width;
  let total = 0;
  for (const [i, layer] of net.layers.entries()) {
    const at = `tfjs.layers[${i}]`;
    total += inputs * layer.units + layer.units;
    if (!net.weightsUrl && !layer.weights)
      return invalid('a layer needs inline weights when there is no weightsUrl', `${at}.weights`);
    if (layer.weights) {
      if (layer.weights.length !== inputs)
        return mismatch(`layer ${i} has ${layer.weights.length} weight rows for ${inputs} inputs`, `${at}.weights`);
      const bad = layer.weights.findIndex((row) => row.length !== layer.units);
      if (bad >= 0)
        return mismatch(`layer ${i} weight row ${bad} does not have ${layer.units} units`, `${at}.weights[${bad}]`);
    }
    if (layer.bias && layer.bias.length !== layer.units)
      return mismatch(`layer ${i} bias does not have ${layer.units} values`, `${at}.bias`);
    inputs = layer.units;
  }
  if (inputs !== net.outputs.length)
    return mismatch(`the network has ${inputs} outputs for ${net.outputs.length} names`, 'tfjs.outputs');
  // A signature covers a weights file only through its hash: without one, swapping the
  // file would move visitors with no error. (A required signature that is absent is
  // refused anyway, as bundle_signature_missing.)
  if (net.weightsUrl && !net.weightsSha256 && (bundle as { signature?: unknown }).signature)
    return invalid(
      'a signed bundle must pin tfjs.weightsUrl with tfjs.weightsSha256 (edgeseg sign sets it)',
      'tfjs.weightsSha256',
    );
  if (total > BUNDLE_LIMITS.weights)
    return invalid(`the network has ${total} weights; the limit is ${BUNDLE_LIMITS.weights}`, 'tfjs.layers');
  return null;
}

/** True when a rule or score may read `input` (see {@link Condition}). */
function knownInput(bundle: Bundle, input: string, scores: Set<string>): boolean {
  const dot = input.indexOf('.');
  const head = dot < 0 ? input : input.slice(0, dot);
  const rest = input.slice(dot + 1);
  switch (head) {
    case 'segment':
      return dot < 0;
    case 'context':
      return /^(page_type|weekday|hour)$/.test(rest);
    case 'feature':
      return bundle.features.some((f) => f.name === rest);
    case 'propensity':
      return !!bundle.tfjs?.outputs.includes(rest);
    case 'score':
      return scores.has(rest);
    default:
      return isKnownFeature(input) || isCategoryName(input);
  }
}

function checkConditions(
  bundle: Bundle,
  list: Condition[] | undefined,
  at: string,
  scores: Set<string>,
): ModelIssue | null {
  for (const [i, c] of (list ?? []).entries()) {
    if (!knownInput(bundle, c.input, scores)) return invalid(`unknown input "${c.input}"`, `${at}[${i}].input`);
    const numeric = c.op === 'gt' || c.op === 'gte' || c.op === 'lt' || c.op === 'lte';
    if (numeric && c.value === undefined) return invalid(`"${c.op}" needs a number value`, `${at}[${i}].value`);
    if ((c.op === 'eq' || c.op === 'neq') && c.value === undefined && !c.values)
      return invalid(`"${c.op}" needs value or values`, `${at}[${i}]`);
    if (c.op === 'in' && !c.values) return invalid('"in" needs values', `${at}[${i}].values`);
  }
  return null;
}

function checkRules(bundle: Bundle): ModelIssue | null {
  const scores = new Set<string>();
  for (const [i, score] of (bundle.scores ?? []).entries()) {
    if (scores.has(score.id)) return invalid(`score id "${score.id}" is repeated`, `scores[${i}].id`);
    // A score may use the scores before it, never itself or later ones: no cycles.
    for (const [j, term] of score.terms.entries()) {
      if (!knownInput(bundle, term.input, scores))
        return invalid(`unknown input "${term.input}"`, `scores[${i}].terms[${j}].input`);
    }
    scores.add(score.id);
  }
  const segments = new Set(bundle.segments.map((s) => s.id));
  const ids = new Set<string>();
  for (const [i, rule] of (bundle.rules ?? []).entries()) {
    const at = `rules[${i}]`;
    if (ids.has(rule.id)) return invalid(`rule id "${rule.id}" is repeated`, `${at}.id`);
    ids.add(rule.id);
    if (rule.mode === 'override' && !(rule.segment && segments.has(rule.segment)))
      return invalid('an override names one of the segments', `${at}.segment`);
    if (!rule.all?.length && !rule.any?.length) return invalid('a rule needs at least one condition', at);
    const issue =
      checkConditions(bundle, rule.all, `${at}.all`, scores) ?? checkConditions(bundle, rule.any, `${at}.any`, scores);
    if (issue) return issue;
  }
  return null;
}

/**
 * What a schema cannot say: every centroid has one value per model input (after one-hot
 * and projection), one model segment per centroid, unique ids, known feature and input
 * names, network shapes that chain, override rules naming real segments.
 */
export function checkModel(bundle: Bundle): ModelIssue | null {
  const width = inputWidth(bundle);
  if (width > BUNDLE_LIMITS.dimensions)
    return invalid(`${width} model inputs; the limit is ${BUNDLE_LIMITS.dimensions}`, 'features');
  const projected = checkProjection(bundle, width);
  if (typeof projected !== 'number') return projected;
  return (
    checkFeatures(bundle) ??
    checkCentroids(bundle, projected) ??
    checkTfjs(bundle, width) ??
    checkRules(bundle) ??
    checkExperiments(bundle)
  );
}

/** Unique experiment, arm and goal ids; experiments name only the bundle's segments. */
function checkExperiments(bundle: Bundle): ModelIssue | null {
  const issue = experimentIssue(bundle.experiments, bundle.goals, bundle.holdout?.id);
  if (issue) return invalid(...issue);
  const ids = new Set(bundle.segments.map((s) => s.id));
  for (const [i, e] of (bundle.experiments ?? []).entries())
    for (const [j, segment] of (e.segments ?? []).entries())
      if (!ids.has(segment))
        return invalid(`experiment "${e.id}" names unknown segment "${segment}"`, `experiments.${i}.segments.${j}`);
  return null;
}
