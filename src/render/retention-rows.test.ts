import { describe, expect, it } from 'vitest';
import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { fakePlatform } from '../../test/helpers/fake-platform';
import mountOverlay from '../chunks/overlay';
import { DEFAULT_RETENTION } from '../config/retention';
import { emptyProfile } from '../profile/empty';
import { unassigned } from '../score/unassigned';
import type { Bundle } from '../types/bundle';
import type { EdgesegClient } from '../types/client';
import { retentionRows } from './retention-rows';

const NOW = Date.UTC(2026, 11, 2, 12);

describe('retentionRows', () => {
  it("dates the profile's erasure from the last visit and states each item's rule", () => {
    const profile = { ...emptyProfile(NOW - 10 * 86_400_000), lastSeen: NOW - 10 * 86_400_000 };
    const rows = Object.fromEntries(
      retentionRows({ ...DEFAULT_RETENTION, profileDays: 30 }, profile, 'indexeddb', NOW),
    );
    expect(rows['profile']).toBe('erased 2026-12-22 unless the visitor returns');
    expect(rows['raw events']).toBe('each erased 30 days after it is recorded (from 2026-11-02 kept); at most 500');
    expect(rows['bundle cache']).toBe('erased after 30 days unconfirmed by the server');
    expect(retentionRows(DEFAULT_RETENTION, profile, 'memory', NOW)).toEqual([['stored', 'nothing: memory only']]);
  });

  it('the debug overlay shows them', () => {
    const fake = fakePlatform();
    fake.clock.t = NOW;
    const panel = mountOverlay(
      document,
      () => ({
        consent: { personalization: 'granted', measurement: 'denied' },
        profile: { ...emptyProfile(NOW), lastSeen: NOW },
        assignment: unassigned('test'),
        bundle: pagesBundle as Bundle,
        decisions: [],
        storage: 'indexeddb',
        retention: DEFAULT_RETENTION,
      }),
      {} as EdgesegClient,
      fake.platform,
    );
    const text = document.querySelector('edgeseg-debug')?.shadowRoot?.textContent ?? '';
    expect(text).toContain('Retention');
    expect(text).toContain('erased 2028-01-01 unless the visitor returns');
    panel.remove();
  });
});
