import { afterEach, describe, expect, it, vi } from 'vitest';
import { contextProps, timeZone } from './context';

afterEach(() => void vi.restoreAllMocks());

describe('the time zone', () => {
  it('comes from Temporal where the browser has it, without creating an Intl formatter', () => {
    const formatter = vi.spyOn(Intl, 'DateTimeFormat');
    const win = { Temporal: { Now: { timeZoneId: () => 'Europe/Berlin' } } } as unknown as Window;
    expect(timeZone(win)).toBe('Europe/Berlin');
    expect(formatter).not.toHaveBeenCalled();
  });

  it('comes from Intl without Temporal, and stays unknown when neither answers', () => {
    const expected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const formatter = vi.spyOn(Intl, 'DateTimeFormat');
    expect(timeZone({} as Window)).toBe(expected);
    expect(formatter).toHaveBeenCalled();
    formatter.mockImplementation(() => {
      throw new Error('no ICU');
    });
    const broken = {
      Temporal: {},
      navigator: { language: 'de' },
      matchMedia: undefined,
      screen: {},
    } as unknown as Window;
    const props = contextProps(broken, Date.UTC(2026, 11, 2, 12));
    expect(props).toMatchObject({ lang: 'de', device: 'desktop' });
    expect(props).not.toHaveProperty('tz');
  });
});
