import { PURPOSES, type ConsentChoice, type ConsentState, type ConsentStatus, type Purpose } from '../types/consent';
import { applyChoice, changedPurposes, initialConsent } from './consent-state';
import { combineStatus } from './combine';

/**
 * What consent is made of. The state in force is derived from these three inputs, never
 * stored beside them, so it cannot drift from them.
 */
export interface ConsentInputs {
  /** The mode's initial state with the choice remembered from an earlier page applied. */
  base: ConsentState;
  /** Manual choices made on this page (`consent.set`/`revoke`). */
  chosen: Partial<ConsentState>;
  /** The consent managers' combined opinion; `null` when none has one. */
  sourced: Partial<ConsentState> | null;
}

/** One step of the machine: the state in force after it and the purposes that changed. */
export interface ConsentStep {
  inputs: ConsentInputs;
  state: ConsentState;
  changed: Purpose[];
}

/**
 * The inputs at start: the mode, the remembered manual choice, and whether a consent
 * manager will speak (until it does, every purpose is pending, even in opt-out mode).
 */
export function startInputs(
  mode: 'opt-in' | 'opt-out',
  remembered: ConsentChoice | null | undefined,
  awaitingSources: boolean,
): ConsentInputs {
  return {
    base: applyChoice(initialConsent(mode), remembered),
    chosen: {},
    sourced: awaitingSources ? initialConsent('opt-in') : null,
  };
}

/** The state in force: manual choices, overridden conservatively by the consent managers (any denial wins). */
export function effectiveConsent(inputs: ConsentInputs): ConsentState {
  const out = applyChoice(inputs.base, inputs.chosen);
  const { sourced, chosen } = inputs;
  if (sourced)
    for (const p of PURPOSES) if (sourced[p]) out[p] = combineStatus([sourced[p], chosen[p]]) as ConsentStatus;
  return out;
}

/** The manual choice to remember across pages: the base with this page's choices applied. */
export function rememberedChoice(inputs: ConsentInputs): ConsentState {
  return applyChoice(inputs.base, inputs.chosen);
}

/** The visitor chose on this page. */
export const choose = (inputs: ConsentInputs, choice: ConsentChoice): ConsentInputs => ({
  ...inputs,
  chosen: applyChoice(inputs.chosen as ConsentState, choice),
});

/** The consent managers' combined opinion changed. */
export const hearSources = (inputs: ConsentInputs, sourced: Partial<ConsentState> | null): ConsentInputs => ({
  ...inputs,
  sourced,
});

/** The remembered choice was replaced (another tab chose, or it was erased): this page's choices give way to it. */
export const rebase = (
  inputs: ConsentInputs,
  mode: 'opt-in' | 'opt-out',
  remembered: ConsentChoice | null | undefined,
): ConsentInputs => ({ ...inputs, base: applyChoice(initialConsent(mode), remembered), chosen: {} });

/** Moves from `previous` to the state `inputs` give. */
export function step(previous: ConsentState, inputs: ConsentInputs): ConsentStep {
  const state = effectiveConsent(inputs);
  return { inputs, state, changed: changedPurposes(previous, state) };
}
