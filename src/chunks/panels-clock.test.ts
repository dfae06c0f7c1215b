import { afterEach, describe, expect, it, vi } from 'vitest';
import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { fakePlatform } from '../../test/helpers/fake-platform';
import type { Bundle } from '../types/bundle';
import type { EdgesegClient, ExportedData } from '../types/client';
import type { DebugSnapshot } from './panel-contract';
import { unassigned } from '../score/unassigned';
import mountOverlay from './overlay';
import mountWhy from './why';

const snapshot = (bundle: Bundle | null): DebugSnapshot => ({
  consent: { personalization: 'granted', measurement: 'granted' },
  profile: null,
  assignment: unassigned('test'),
  bundle,
  decisions: [],
  storage: 'memory',
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe("the panels on the platform's clock", () => {
  it('the debug overlay computes time features at the injected time', () => {
    const fake = fakePlatform();
    // Twelve hours away from the real time, so the real clock cannot give the same answer.
    const hour = (new Date().getHours() + 12) % 24;
    fake.clock.t = new Date(2026, 0, 1, hour, 30).getTime();
    const bundle = {
      ...pagesBundle,
      features: [{ name: 'hour', scale: { type: 'z', mean: 0, std: 1 }, label: 'hour of the day' }],
    } as Bundle;
    const panel = mountOverlay(document, () => snapshot(bundle), {} as EdgesegClient, fake.platform);
    const rows = Array.from(document.querySelector('edgeseg-debug')?.shadowRoot?.querySelectorAll('tr') ?? []);
    const row = rows.find((r) => r.textContent?.startsWith('hour of the day'));
    expect(row?.textContent).toBe(`hour of the day${hour.toFixed(3)}`);
    panel.remove();
  });

  it("the transparency widget revokes the download's object URL on the injected timers", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = fakePlatform();
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:edgeseg-test');
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const exported: ExportedData = {
      format: 'edgeseg-export/1',
      exportedAt: new Date(fake.clock.t).toISOString(),
      consent: { state: { personalization: 'granted', measurement: 'denied' }, record: null },
      profile: null,
      events: [],
      records: {},
      segment: unassigned('test'),
      bundle: null,
      storage: 'memory',
    };
    const client = { exportData: () => Promise.resolve(exported) } as unknown as EdgesegClient;
    const panel = mountWhy(document, () => snapshot(null), client, fake.platform);
    const buttons = Array.from(document.querySelector('edgeseg-why')?.shadowRoot?.querySelectorAll('button') ?? []);
    buttons.find((b) => b.textContent === 'Download my data')?.click();
    await vi.advanceTimersByTimeAsync(999);
    expect(revoke).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    // Two files: the readable summary and the JSON.
    expect(revoke.mock.calls).toEqual([['blob:edgeseg-test'], ['blob:edgeseg-test']]);
    expect(fake.delays).toEqual([1000, 1000]);
    panel.remove();
  });
});
