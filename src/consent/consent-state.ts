import { PURPOSES, type ConsentChoice, type ConsentState, type ConsentStatus, type Purpose } from '../types/consent';

/** The state before any choice: `pending` under opt-in, `granted` under opt-out. */
export function initialConsent(mode: 'opt-in' | 'opt-out'): ConsentState {
  const status: ConsentStatus = mode === 'opt-in' ? 'pending' : 'granted';
  return { personalization: status, measurement: status };
}

function toStatus(value: unknown): ConsentStatus | undefined {
  if (value === true || value === 'granted') return 'granted';
  if (value === false || value === 'denied') return 'denied';
  if (value === 'pending') return 'pending';
  return undefined;
}

/**
 * Applies a choice to a state and returns the new state; purposes the choice does not
 * name, or names with a value we cannot read, keep their status.
 */
export function applyChoice(state: ConsentState, choice: ConsentChoice | null | undefined): ConsentState {
  const next = { ...state };
  if (!choice || typeof choice !== 'object') return next;
  for (const purpose of PURPOSES) {
    const status = Object.hasOwn(choice, purpose) ? toStatus(choice[purpose]) : undefined;
    if (status) next[purpose] = status;
  }
  return next;
}

/** Everything withdrawn. */
export function deniedConsent(): ConsentState {
  return { personalization: 'denied', measurement: 'denied' };
}

/** The purposes whose status differs between two states. */
export function changedPurposes(a: ConsentState, b: ConsentState): Purpose[] {
  return PURPOSES.filter((p) => a[p] !== b[p]);
}
