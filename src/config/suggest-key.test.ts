import { describe, expect, it } from 'vitest';
import { edgesegError } from '../lib/errors';
import { parseConfig } from './parse-config';
import { configSchema } from './schema';
import { suggestKey } from './suggest-key';

/** The hint for the error parseConfig gives for `input`. */
function hint(input: unknown): string {
  const parsed = parseConfig(input);
  if (parsed.ok) throw new Error('expected a config error');
  return suggestKey(configSchema(), parsed.error);
}

describe('suggestKey ("did you mean" for config typos)', () => {
  it('names the nearest known key at the same place in the config', () => {
    expect(hint({ bundel: '/b.json' })).toBe('unknown key bundel: did you mean "bundle"?');
    expect(hint({ Bundle: '/b.json' })).toBe('unknown key Bundle: did you mean "bundle"?');
    expect(hint({ sesionTimeout: 10 })).toBe('unknown key sesionTimeout: did you mean "sessionTimeout"?');
    expect(hint({ consent: { modes: 'opt-out' } })).toBe('unknown key consent.modes: did you mean "consent.mode"?');
    expect(hint({ retention: { maxEvent: 10 } })).toBe(
      'unknown key retention.maxEvent: did you mean "retention.maxEvents"?',
    );
  });

  it('says nothing when no key is close, or for other errors', () => {
    expect(hint({ colour: 'red' })).toBe('');
    expect(hint({ bundleTimeout: 5 })).toBe('');
    expect(suggestKey(configSchema(), edgesegError('config_invalid', 'edgeseg: invalid config: x'))).toBe('');
  });
});
