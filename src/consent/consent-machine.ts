import { PURPOSES, type ConsentChoice, type ConsentState, type ConsentStatus, type Purpose } from '../types/consent';
import { applyChoice, changedPurposes, initialConsent } from './consent-state';
import { combineStatus } from './combine';

/**
 * What consent is made of. The state in force is derived from these inputs, never stored
 * beside them, so it cannot drift from them.
 */
export interface ConsentInputs {
  /** The mode's initial state with the choice remembered from an earlier page (or another tab) applied. */
  base: ConsentState;
  /**
   * Purposes the visitor denied through edgeseg on an earlier page or in another tab. A
   * remembered denial counts against a consent manager's grant (any denial wins) until the
   * visitor grants again: with `consent.set`, or by changing the consent manager's answer
   * from denied to granted while a page is open.
   */
  denied: readonly Purpose[];
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

const rememberedInputs = (mode: 'opt-in' | 'opt-out', remembered: ConsentChoice | null | undefined) => {
  const base = applyChoice(initialConsent(mode), remembered);
  const choice = remembered && typeof remembered === 'object' ? remembered : {};
  const denied = PURPOSES.filter((p) => Object.hasOwn(choice, p) && base[p] === 'denied');
  return { base, denied };
};

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
    ...rememberedInputs(mode, remembered),
    chosen: {},
    sourced: awaitingSources ? initialConsent('opt-in') : null,
  };
}

/** The state in force: manual choices, combined conservatively with the consent managers (any denial wins). */
export function effectiveConsent(inputs: ConsentInputs): ConsentState {
  const out = applyChoice(inputs.base, inputs.chosen);
  const { sourced, chosen, denied } = inputs;
  if (!sourced) return out;
  for (const p of PURPOSES) {
    const mine = chosen[p] ?? (denied.includes(p) ? 'denied' : undefined);
    if (sourced[p]) out[p] = combineStatus([sourced[p], mine]) as ConsentStatus;
  }
  return out;
}

/** The manual choice to remember across pages: the base with this page's choices applied. */
export function rememberedChoice(inputs: ConsentInputs): ConsentState {
  return applyChoice(inputs.base, inputs.chosen);
}

/** The visitor chose on this page: a grant clears a remembered denial of that purpose. */
export const choose = (inputs: ConsentInputs, choice: ConsentChoice): ConsentInputs => {
  const chosen = applyChoice(inputs.chosen as ConsentState, choice);
  return { ...inputs, chosen, denied: inputs.denied.filter((p) => chosen[p] !== 'granted') };
};

/**
 * The consent managers' combined opinion changed. A purpose they move from denied to
 * granted while the page is open is the visitor's new answer: it clears a remembered denial.
 */
export const hearSources = (inputs: ConsentInputs, sourced: Partial<ConsentState> | null): ConsentInputs => ({
  ...inputs,
  sourced,
  denied: inputs.denied.filter((p) => !(inputs.sourced?.[p] === 'denied' && sourced?.[p] === 'granted')),
});

/** The remembered choice was replaced (another tab chose, or it was erased): this page's choices give way to it. */
export const rebase = (
  inputs: ConsentInputs,
  mode: 'opt-in' | 'opt-out',
  remembered: ConsentChoice | null | undefined,
): ConsentInputs => ({ ...inputs, ...rememberedInputs(mode, remembered), chosen: {} });

/** Moves from `previous` to the state `inputs` give. */
export function step(previous: ConsentState, inputs: ConsentInputs): ConsentStep {
  const state = effectiveConsent(inputs);
  return { inputs, state, changed: changedPurposes(previous, state) };
}
