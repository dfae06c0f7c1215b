import { describeIssue, type SchemaIssue } from '../lib/describe-issue';
import { edgesegError, type EdgesegError } from '../lib/errors';
import type { EdgesegConfig } from '../types/config';
import { CONFIG_DEFAULTS, configSchema } from './schema';
import { validCaps } from './valid-caps';
import { validFeaturePurposes } from './valid-feature-purposes';

/** Validates a config object; the error names the first bad field and what was wrong. */
export function parseConfig(input: unknown): { ok: true; config: EdgesegConfig } | { ok: false; error: EdgesegError } {
  const result = configSchema().safeParse(input ?? {});
  const caps = result.data?.frequencyCaps;
  // Checked by hand: z.record would cost ~0.7 KB of the script tag.
  if (caps && !validCaps(caps))
    return {
      ok: false,
      error: edgesegError('config_invalid', 'edgeseg: invalid config: frequencyCaps', { path: 'frequencyCaps' }),
    };
  const features = result.data?.consent?.features;
  if (features && !validFeaturePurposes(features)) {
    return {
      ok: false,
      error: edgesegError(
        'config_invalid',
        'edgeseg: invalid config: consent.features: each value is a list of purposes',
        { path: 'consent.features' },
      ),
    };
  }
  if (result.success) {
    const { consent, retention, collect, ...rest } = result.data;
    const defined = (o: object): object => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    const config = {
      ...CONFIG_DEFAULTS,
      ...defined(rest),
      consent: { ...CONFIG_DEFAULTS.consent, ...defined(consent ?? {}) },
      retention: { ...CONFIG_DEFAULTS.retention, ...defined(retention ?? {}) },
      // The older top-level switches still turn their collectors off.
      collect: {
        ...CONFIG_DEFAULTS.collect,
        pageViews: rest.autoPage ?? true,
        clicks: rest.trackClicks ?? true,
        ...defined(collect ?? {}),
      },
    };
    return { ok: true, config: config as EdgesegConfig };
  }
  const issues = result.error.issues.map((issue) => describeIssue(issue as SchemaIssue));
  const first = issues[0] ?? { path: '', message: 'invalid config' };
  return {
    ok: false,
    error: edgesegError('config_invalid', `edgeseg: invalid config: ${issues.map((i) => i.message).join('; ')}`, {
      path: first.path,
    }),
  };
}
