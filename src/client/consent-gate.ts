import { readConsentRecord, saveConsent } from '../consent/consent-record';
import { initialConsent } from '../consent/consent-state';
import {
  choose,
  effectiveConsent,
  hearSources,
  rebase,
  rememberedChoice,
  startInputs,
  step,
  type ConsentInputs,
} from '../consent/consent-machine';
import { edgesegError } from '../lib/errors';
import { own } from '../lib/own';
import { PURPOSES, type ConsentChoice, type ConsentState, type ConsentStatus } from '../types/consent';
import type { ClientContext } from './context';

/** Globals that tell a consent manager is on the page (auto-detection loads the consent chunk). */
const CMP_GLOBALS = ['__tcfapi', '__gpp', 'dataLayer', 'OneTrust', 'Cookiebot', 'klaro'];

/** What a consent change does outside the gate. */
export interface ConsentEffects {
  /** Emits the `consent` event. */
  emit(state: ConsentState): void;
  /**
   * Personalization was granted (open the store) or withdrawn (stop and wipe). `chosenNow`:
   * the grant is a choice made while this page was open (the visitor's own call, another
   * tab's, or a consent manager changing its answer), not a state known at load.
   */
  personalization(granted: boolean, chosenNow: boolean): Promise<void>;
  /** Re-decides every slot under the new state. */
  redecide(): void;
  /** The remembered choice changed: other tabs and clients re-read it. */
  announce(): void;
}

/** The consent gate of one client: the pure machine plus its side effects. */
export interface ConsentGate {
  /** The state in force. */
  state(): ConsentState;
  /** The status decisions use: `pending` with `pending: 'page-view'` personalizes from this page alone. */
  personalizing(): ConsentStatus;
  /** A manual choice (`consent.set`/`revoke`): remembered, then applied. */
  choose(choice: ConsentChoice): Promise<void>;
  /** Another tab changed or erased the remembered choice: follow it. */
  followTab(): Promise<void>;
  /** `forget()`: the remembered choice is gone; back to the mode's default. Emits when that changes something. */
  reset(): boolean;
  /** Loads the consent-manager adapters when a source is configured or detected; returns their stop function. */
  watchSources(): void;
}

/**
 * Creates the gate. Receipts, the `consent` event, opening or wiping the store and
 * re-deciding happen here, in that order, each time the state in force changes.
 */
export function createConsentGate(
  ctx: ClientContext,
  o: {
    effects: ConsentEffects;
    /** Registers a function that stops what the gate started (consent-manager watchers). */
    onTeardown(stop: () => void): void;
  },
): ConsentGate {
  const { config, platform, reporter, load } = ctx;
  const c = config.consent;
  const win = platform.window;
  const gpc =
    c.gpc === 'opt-out' && (win?.navigator as { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl;
  const sourcing =
    !!win &&
    !!(Object.keys(c.sources).length || gpc || (c.detect && CMP_GLOBALS.some((n) => own(win, n) !== undefined)));
  let inputs: ConsentInputs = startInputs(c.mode, readConsentRecord(platform.localStorage())?.purposes, sourcing);
  let state = effectiveConsent(inputs);

  /** Moves to the state `next` gives: receipt, `consent` event, store opened or wiped, slots redecided. */
  async function apply(source: string, next: ConsentInputs, chosenNow = true): Promise<void> {
    const previous = state;
    const moved = step(previous, next);
    inputs = moved.inputs;
    state = moved.state;
    if (moved.changed.length === 0) return;
    // Following another tab: that tab logged the receipt. A consent manager's or GPC's
    // denial starts no record of ours (only a grant or the visitor's own choice does).
    const storage = platform.localStorage();
    const granted = PURPOSES.some((p) => state[p] === 'granted');
    if (source !== 'tab' && PURPOSES.some((p) => state[p] !== 'pending') && (granted || readConsentRecord(storage))) {
      const receipt = { t: platform.now(), source, purposes: { ...state }, config: c.version ?? null };
      saveConsent(storage, receipt.t, receipt, c.receipts);
    }
    o.effects.emit({ ...state });
    if (previous.personalization !== state.personalization) {
      await o.effects.personalization(state.personalization === 'granted', chosenNow);
    }
    o.effects.redecide();
  }

  /**
   * A consent manager spoke. When its answer clears a remembered denial (denied, then
   * granted while the page is open), the record forgets that denial too, for later pages.
   */
  function hear(source: string, opinion: Partial<ConsentState> | null, chosenNow: boolean): Promise<void> {
    const next = hearSources(inputs, opinion);
    const cleared = inputs.denied.filter((p) => !next.denied.includes(p));
    if (cleared.length) {
      const initial = initialConsent(c.mode);
      const base = { ...next.base };
      for (const p of cleared) base[p] = initial[p];
      const forgotten = { ...next, base };
      saveConsent(platform.localStorage(), platform.now(), null, c.receipts, rememberedChoice(forgotten));
      o.effects.announce();
      return apply(source, forgotten, chosenNow);
    }
    return apply(source, next, chosenNow);
  }

  return {
    state: () => state,
    personalizing() {
      return state.personalization === 'pending' && c.pending === 'page-view' ? 'granted' : state.personalization;
    },
    choose(choice) {
      const next = choose(inputs, choice);
      saveConsent(platform.localStorage(), platform.now(), null, c.receipts, rememberedChoice(next));
      o.effects.announce();
      return apply('manual', next);
    },
    followTab() {
      return apply('tab', rebase(inputs, c.mode, readConsentRecord(platform.localStorage())?.purposes));
    },
    reset() {
      const moved = step(state, rebase(inputs, c.mode, null));
      inputs = moved.inputs;
      state = moved.state;
      if (moved.changed.length) o.effects.emit({ ...state });
      return moved.changed.length > 0;
    },
    watchSources() {
      if (!sourcing || !win) return;
      load('consent')
        .then((chunk) => {
          // A source's first answer on a page is the state it stored; a later one is a choice made now.
          const listen = (opinion: Partial<ConsentState> | null, source: string, again: boolean): unknown =>
            reporter.guardAsync(() => hear(source, opinion, again));
          o.onTeardown(chunk.watch(win, c, listen, (error) => reporter.report(error, true), platform));
        })
        .catch((cause: unknown) =>
          reporter.report(edgesegError('consent_unavailable', 'edgeseg: consent chunk unavailable', { cause })),
        );
    },
  };
}
