import { decideSlot, DEFAULT_VARIANT } from '../decide/decide-slot';
import { writeLastAssignment } from '../decide/last-assignment';
import { previewAssignment } from '../decide/preview';
import { unassigned } from '../score/unassigned';
import { findSlots, slotName, slotVariants } from '../render/slots';
import type { ConsentState, ConsentStatus } from '../types/consent';
import type { Assignment, Decision } from '../types/decision';
import type { Engine, PreparedBundle } from '../chunks/engine-contract';
import type { Profile } from '../types/profile';
import type { ClientContext } from './context';

/** The decision loop: the visitor's assignment, kept current as the profile, bundle and consent change. */
export interface DecisionLoop {
  assignment(): Assignment;
  /** Whether the first decision was made. */
  decided(): boolean;
  /** Decides now: assignment, `segment` event on change, last assignment remembered, slots rendered. */
  decide(): void;
  /** Decides again in a microtask, once however many changes come before it. */
  rescore(): void;
  /** Starts from what is known before any scoring: a QA preview (of a segment, an arm) or the cached assignment of a returning visitor. */
  bootstrap(preview: string | null, cached: Assignment | null, arm?: string | null): void;
  /** The decision for `slot` (its variants from `variants`, the slot element or the bundle). */
  personalize(slot: string, variants?: Record<string, unknown>): Decision;
  /** Whether slots can be decided: a loaded model, or an assignment known without one (cache, preview). */
  hasModel(): boolean;
  /** The latest decision of every slot, by name. */
  decisions(): Map<string, Decision>;
}

export function createDecisionLoop(
  ctx: ClientContext,
  o: {
    consent(): ConsentState;
    personalizing(): ConsentStatus;
    profile(): Profile | null;
    engine(): Engine | null;
    /** The visitor key experiments bucket by. */
    key(): string;
    prepared(): PreparedBundle | null;
    capped(): (variant: string) => boolean;
    /** Variants the layout-shift guardrail switched off, by slot. */
    off(slot: string, variant: string): boolean;
    /** Runs a body whose failure must not escape (see `Reporter.guard`). */
    guard(run: () => void): void;
    emitSegment(assignment: Assignment): void;
    emitDecision(decision: Decision): void;
    /** The first decision is made: nothing waits hidden any more, then every slot is rendered. */
    render(): void;
    stopHiding(): void;
    /** The fingerprint of the validated config in force, remembered with the assignment. */
    fingerprint: string | null;
  },
): DecisionLoop {
  const { config, platform } = ctx;
  let assignment: Assignment = unassigned('edgeseg has not started.');
  let decided = false;
  let rescoring = false;
  let preview: string | null = null;
  let force: string | null | undefined;
  const decisions = new Map<string, Decision>();

  function compute(): Assignment {
    const status = o.personalizing();
    const prepared = o.prepared();
    const engine = o.engine();
    const arms = { key: o.key, measurement: config.measurement, force };
    if (preview) {
      // Only a segment of the loaded bundle can be previewed: until it is here, nothing is decided.
      if (!prepared) return unassigned('Waiting for the bundle to preview a segment.');
      const forced = previewAssignment(preview, prepared.bundle);
      if (forced) {
        const visitor = engine?.arms(prepared, forced.id, arms);
        if (visitor?.length) forced.experiments = visitor;
        return forced;
      }
      platform.warn(`edgeseg: preview of "${preview.slice(0, 64)}" ignored: the bundle has no such segment`);
      preview = null;
    }
    if (status === 'pending') return unassigned('Waiting for consent to personalize.');
    if (status === 'denied') return unassigned('Personalization is off.');
    if (!engine || !prepared) return unassigned('No segment model is loaded.');
    const features = config.consent.features;
    return engine.score(
      prepared,
      o.profile(),
      platform.now(),
      assignment.id,
      config.switchMargin,
      features && { features, state: o.consent() },
      arms,
    );
  }

  function decide(): void {
    const previous = assignment;
    const next = compute();
    assignment = next;
    if (
      !decided ||
      previous.id !== next.id ||
      JSON.stringify(previous.experiments) !== JSON.stringify(next.experiments)
    ) {
      o.emitSegment({ ...next });
      // Only with consent to store: a page-view decision while pending stays on this page.
      if (next.source === 'model' && o.consent().personalization === 'granted' && config.storage !== 'memory') {
        writeLastAssignment(platform.localStorage(), next, o.fingerprint);
      }
    }
    decided = true;
    o.stopHiding();
    o.render();
  }

  const hasModel = (): boolean => !!o.prepared() || assignment.source !== 'none';

  return {
    assignment: () => assignment,
    decided: () => decided,
    decide,
    rescore() {
      if (rescoring) return;
      rescoring = true;
      queueMicrotask(() => {
        rescoring = false;
        o.guard(decide);
      });
    },
    bootstrap(requested, cached, arm) {
      preview = requested;
      force = arm;
      // A preview waits for the bundle (only its segments can be previewed); meanwhile
      // the visitor's own cached assignment would flash, so it is not used.
      if (!preview && cached) assignment = cached;
    },
    personalize(slot, variants) {
      const ids = new Set<string>();
      if (variants) for (const key of Object.keys(variants)) ids.add(key);
      else {
        const doc = platform.document;
        const el = doc && findSlots(doc).find((s) => slotName(s) === slot);
        const fromDom = el ? slotVariants(el).keys() : (o.prepared()?.bundle.segments.map((s) => s.id) ?? []);
        for (const id of fromDom) ids.add(id);
      }
      ids.delete(DEFAULT_VARIANT);
      const decision = decideSlot(slot, ids, assignment, o.personalizing(), hasModel(), o.capped(), o.off);
      decisions.set(slot, decision);
      o.emitDecision(decision);
      return decision;
    },
    hasModel,
    decisions: () => decisions,
  };
}
