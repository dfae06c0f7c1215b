import { describe, expect, it } from 'vitest';
import { choose, effectiveConsent, hearSources, rebase, rememberedChoice, startInputs, step } from './consent-machine';

const G = 'granted';
const D = 'denied';
const P = 'pending';

describe('consent state machine (pure: inputs in, state and changes out)', () => {
  it('starts from the mode and the remembered choice', () => {
    expect(effectiveConsent(startInputs('opt-in', null, false))).toEqual({ personalization: P, measurement: P });
    expect(effectiveConsent(startInputs('opt-out', null, false))).toEqual({ personalization: G, measurement: G });
    expect(effectiveConsent(startInputs('opt-out', { personalization: D }, false))).toEqual({
      personalization: D,
      measurement: G,
    });
  });

  it('is pending while a consent manager is awaited, even in opt-out mode', () => {
    expect(effectiveConsent(startInputs('opt-out', null, true))).toEqual({ personalization: P, measurement: P });
  });

  it('a manual choice changes only the purposes it names, and reports them', () => {
    const start = startInputs('opt-in', null, false);
    const next = step(effectiveConsent(start), choose(start, { personalization: true }));
    expect(next.state).toEqual({ personalization: G, measurement: P });
    expect(next.changed).toEqual(['personalization']);
    expect(rememberedChoice(next.inputs)).toEqual({ personalization: G, measurement: P });
  });

  it('any denial wins between a consent manager and a manual choice', () => {
    let inputs = hearSources(startInputs('opt-in', null, true), { personalization: D });
    inputs = choose(inputs, { personalization: true });
    expect(effectiveConsent(inputs).personalization).toBe(D);
    inputs = hearSources(inputs, { personalization: G });
    expect(effectiveConsent(inputs).personalization).toBe(G);
  });

  it("a remembered manual denial counts against a consent manager's grant (any denial wins)", () => {
    const inputs = hearSources(startInputs('opt-in', { personalization: D }, true), { personalization: G });
    expect(effectiveConsent(inputs).personalization).toBe(D);
    expect(effectiveConsent(inputs).measurement).toBe(P);
  });

  it('only an explicit later grant clears a remembered denial: consent.set, or the manager moving from denied to granted', () => {
    const start = hearSources(startInputs('opt-in', { personalization: D }, true), { personalization: G });
    expect(effectiveConsent(choose(start, { personalization: true })).personalization).toBe(G);
    const deniedThenGranted = hearSources(hearSources(start, { personalization: D }), { personalization: G });
    expect(effectiveConsent(deniedThenGranted).personalization).toBe(G);
    // The manager's first answer on a page (pending, then granted) is not a new answer.
    const pendingThenGranted = hearSources(startInputs('opt-in', { personalization: D }, true), { personalization: G });
    expect(effectiveConsent(pendingThenGranted).personalization).toBe(D);
  });

  it('following another tab that revoked: its remembered denial stops this tab although a manager grants', () => {
    const granted = hearSources(startInputs('opt-in', null, true), { personalization: G, measurement: G });
    expect(effectiveConsent(granted).personalization).toBe(G);
    const next = step(effectiveConsent(granted), rebase(granted, 'opt-in', { personalization: D, measurement: D }));
    expect(next.state).toEqual({ personalization: D, measurement: D });
  });

  it('rebasing on a choice made elsewhere drops this page’s choices', () => {
    const inputs = choose(startInputs('opt-in', null, false), { personalization: true });
    const next = step(effectiveConsent(inputs), rebase(inputs, 'opt-in', { personalization: D, measurement: D }));
    expect(next.state).toEqual({ personalization: D, measurement: D });
    expect(next.changed).toEqual(['personalization', 'measurement']);
    expect(next.inputs.chosen).toEqual({});
  });

  it('reports no change when nothing changed', () => {
    const inputs = startInputs('opt-out', null, false);
    expect(step(effectiveConsent(inputs), choose(inputs, { personalization: true })).changed).toEqual([]);
  });
});
