import { afterEach, describe, expect, it } from 'vitest';
import type { EdgesegClient } from '../types/client';
import type { ConsentStatus } from '../types/consent';
import type { Decision } from '../types/decision';
import type { DebugSnapshot } from './panel-contract';
import { unassigned } from '../score/unassigned';
import mountWhy from './why';

const decision = (slot: string, explanation: string): Decision => ({
  slot,
  segment: 'shopper',
  variant: 'shopper',
  reason: 'segment_variant',
  explanation,
  source: 'model',
  bundleVersion: 1,
});
let state: { personalization: ConsentStatus; decisions: Decision[] };
const snapshot = (): DebugSnapshot => ({
  consent: { personalization: state.personalization, measurement: 'pending' },
  profile: null,
  assignment: unassigned('test'),
  bundle: null,
  decisions: state.decisions,
  storage: 'memory',
});
const client = { forget: () => Promise.resolve() } as unknown as EdgesegClient;
const host = (): HTMLElement => document.querySelector('edgeseg-why') as HTMLElement;

afterEach(() => {
  document.body.replaceChildren();
});

describe('the transparency widget', () => {
  it('is hidden while consent is pending and shown once it is given', () => {
    state = { personalization: 'pending', decisions: [] };
    const panel = mountWhy(document, snapshot, client);
    expect(host().hidden).toBe(true);
    state.personalization = 'granted';
    panel.refresh();
    expect(host().hidden).toBe(false);
    panel.remove();
  });

  it('explains in words, once per reason, never by slot name', () => {
    const why = 'You are seeing this because your browsing on this site matches "Researcher".';
    state = { personalization: 'granted', decisions: [decision('hero', why), decision('offer_banner', why)] };
    const panel = mountWhy(document, snapshot, client);
    const items = Array.from(host().shadowRoot?.querySelectorAll('li') ?? [], (li) => li.textContent);
    expect(items).toEqual([why]);
    expect(items.join(' ')).not.toMatch(/hero|offer_banner/);
    panel.remove();
  });

  it("sits in the page's [data-edgeseg-why] element, in the flow, when there is one", () => {
    state = { personalization: 'granted', decisions: [] };
    const place = document.createElement('p');
    place.setAttribute('data-edgeseg-why', '');
    document.body.append(place, document.createElement('button'));
    const panel = mountWhy(document, snapshot, client);
    expect(host().parentElement).toBe(place);
    const css = host().shadowRoot?.adoptedStyleSheets.flatMap((s) => Array.from(s.cssRules, (r) => r.cssText)) ?? [];
    expect(css.join('\n')).toMatch(/position:\s*static/);
    panel.remove();
  });

  it('after an erase (consent pending again) stays to confirm it', async () => {
    state = { personalization: 'granted', decisions: [] };
    const panel = mountWhy(document, snapshot, client);
    state.personalization = 'pending';
    const erase = Array.from(host().shadowRoot?.querySelectorAll('button') ?? []).find(
      (b) => b.textContent === 'Erase my data',
    );
    erase?.click();
    await Promise.resolve();
    await Promise.resolve();
    expect(host().hidden).toBe(false);
    expect(host().shadowRoot?.textContent).toContain('Your data on this device was erased.');
    panel.remove();
  });
});
