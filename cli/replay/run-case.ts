// Runs a spec case (events in; features, segment and decisions out) through the same
// code the browser runs. Unit tests, browser tests and the CLI replay all use it.
import engine from '../../src/chunks/engine';
import { bucketOf } from '../../src/decide/bucket';
import { fnv1a32 } from '../../src/lib/fnv1a32';
import { decideSlot } from '../../src/decide/decide-slot';
import { computeFeatures } from '../../src/features/compute-features';
import { featureContext } from '../../src/features/context';
import { reduceProfile } from '../../src/profile/reduce';
import type { EdgesegEvent } from '../../src/types/event';

export interface SpecCase {
  description: string;
  bundle: string;
  sessionTimeoutMinutes?: number;
  /** The visitor's segment before this profile, and the config's `switchMargin` (hysteresis). */
  previous?: string;
  switchMargin?: number;
  events: Omit<EdgesegEvent, 'id'>[];
  now: number;
  /** The visitor key experiments bucket by, and an arm a preview forces (`?edgeseg_arm=`). */
  visitorKey?: string;
  arm?: string;
  /** Test vectors of the bucketing hash: FNV-1a 32 of `text` (hex), and the bucket of `key` under `seed`. */
  hashes?: { text?: string; fnv?: string; seed?: string; key?: string; bucket?: number }[];
  expect: {
    features: number[];
    segment: string | null;
    explanationIncludes?: string[];
    /** The override rule that decided (or null for the model), overlays and composite scores. */
    rule?: string | null;
    overlays?: string[];
    scores?: Record<string, number>;
    slots?: {
      slot: string;
      variants: string[];
      variant: string;
      reason: string;
      experiment?: { id: string; arm: string };
    }[];
    /** The visitor's experiment arms (`{ id, arm }`, in order). */
    arms?: { id: string; arm: string }[];
  };
}

export interface CaseResult {
  features: number[];
  segment: string | null;
  explanation: string;
  rule: string | null;
  overlays: string[];
  scores: Record<string, number>;
  slots: { slot: string; variant: string; reason: string; experiment: { id: string; arm: string } | null }[];
  arms: { id: string; arm: string }[];
  hashes: { fnv?: string; bucket?: number }[];
}

export function runCase(spec: SpecCase, bundleText: string): CaseResult {
  const result = engine.prepareBundle(bundleText);
  if (!result.ok) throw new Error(result.error.message);
  const { prepared } = result;
  const events = spec.events.map((e, i) => ({ ...e, id: `case-${i}` }));
  const profile = reduceProfile(null, events, { sessionTimeout: (spec.sessionTimeoutMinutes ?? 30) * 60_000 });
  const features = computeFeatures(prepared.bundle.features, profile, featureContext(spec.now, prepared.pageGroups));
  const key = spec.visitorKey;
  const assignment = engine.score(
    prepared,
    profile,
    spec.now,
    spec.previous ?? null,
    spec.switchMargin ?? 0,
    undefined,
    key === undefined ? undefined : { key: () => key, force: spec.arm ?? null },
  );
  return {
    features: Array.from(features, (v) => Math.round(v * 1e6) / 1e6),
    segment: assignment.id,
    explanation: assignment.explanation,
    rule: assignment.rule ?? null,
    overlays: assignment.overlays ?? [],
    scores: Object.fromEntries(Object.entries(assignment.scores ?? {}).map(([k, v]) => [k, Math.round(v * 1e6) / 1e6])),
    slots: (spec.expect.slots ?? []).map((s) => {
      const d = decideSlot(s.slot, new Set(s.variants), assignment, 'granted', true);
      return { slot: s.slot, variant: d.variant, reason: d.reason, experiment: d.experiment ?? null };
    }),
    arms: (assignment.experiments ?? []).map((a) => ({ id: a.id, arm: a.arm })),
    hashes: (spec.hashes ?? []).map((h) => ({
      ...(h.text !== undefined && { fnv: fnv1a32(h.text).toString(16).padStart(8, '0') }),
      ...(h.key !== undefined && { bucket: bucketOf(h.seed ?? '', h.key) }),
    })),
  };
}

/** Checks a result against the case; returns the differences in words (empty when it passes). */
export function diffCase(spec: SpecCase, result: CaseResult): string[] {
  const out: string[] = [];
  if (JSON.stringify(result.features) !== JSON.stringify(spec.expect.features))
    out.push(`features ${JSON.stringify(result.features)} ≠ ${JSON.stringify(spec.expect.features)}`);
  if (result.segment !== spec.expect.segment) out.push(`segment ${result.segment} ≠ ${spec.expect.segment}`);
  for (const text of spec.expect.explanationIncludes ?? [])
    if (!result.explanation.includes(text)) out.push(`explanation lacks "${text}"`);
  if (spec.expect.rule !== undefined && result.rule !== spec.expect.rule)
    out.push(`rule ${result.rule} ≠ ${spec.expect.rule}`);
  if (spec.expect.overlays && JSON.stringify(result.overlays) !== JSON.stringify(spec.expect.overlays))
    out.push(`overlays ${JSON.stringify(result.overlays)} ≠ ${JSON.stringify(spec.expect.overlays)}`);
  if (spec.expect.scores && JSON.stringify(result.scores) !== JSON.stringify(spec.expect.scores))
    out.push(`scores ${JSON.stringify(result.scores)} ≠ ${JSON.stringify(spec.expect.scores)}`);
  for (const [i, s] of (spec.expect.slots ?? []).entries()) {
    const got = result.slots[i];
    if (got?.variant !== s.variant || got.reason !== s.reason)
      out.push(`slot ${s.slot}: ${got?.variant}/${got?.reason} ≠ ${s.variant}/${s.reason}`);
    if (s.experiment !== undefined && JSON.stringify(got?.experiment) !== JSON.stringify(s.experiment))
      out.push(`slot ${s.slot}: experiment ${JSON.stringify(got?.experiment)} ≠ ${JSON.stringify(s.experiment)}`);
  }
  if (spec.expect.arms && JSON.stringify(result.arms) !== JSON.stringify(spec.expect.arms))
    out.push(`arms ${JSON.stringify(result.arms)} ≠ ${JSON.stringify(spec.expect.arms)}`);
  for (const [i, h] of (spec.hashes ?? []).entries()) {
    const got = result.hashes[i];
    if (h.fnv !== undefined && got?.fnv !== h.fnv)
      out.push(`fnv1a32(${JSON.stringify(h.text)}) ${got?.fnv} ≠ ${h.fnv}`);
    if (h.bucket !== undefined && got?.bucket !== h.bucket)
      out.push(`bucket(${JSON.stringify(h.seed)}, ${JSON.stringify(h.key)}) ${got?.bucket} ≠ ${h.bucket}`);
  }
  return out;
}
