import { describeIssue, type SchemaIssue } from '../lib/describe-issue';
import { edgesegError, type EdgesegError } from '../lib/errors';
import { ownData } from '../lib/own';
import type { EdgesegConfig, EdgesegConfigInput } from '../types/config';
import { configSchema } from './schema';
import { validCaps } from './valid-caps';
import { validGuardrail } from './valid-guardrail';
import { validFeaturePurposes } from './valid-feature-purposes';
import { withDefaults } from './with-defaults';

/**
 * Validates a config object; the error names the first bad field and what was wrong. Only
 * the page's own properties are read, and the config comes back without prototypes (see
 * `ownData`): a key polluted into `Object.prototype` (a `bundle`, a `chunkBase`) is
 * neither validated in nor read out later where the page set none.
 */
export function parseConfig(input: unknown): { ok: true; config: EdgesegConfig } | { ok: false; error: EdgesegError } {
  const result = configSchema().safeParse(ownData(input ?? {}));
  if (!result.success) {
    const issues = result.error.issues.map((issue) => describeIssue(issue as SchemaIssue));
    return invalid(issues.map((i) => i.message).join('; '), (issues[0] as { path: string }).path);
  }
  const { consent, guardrail, frequencyCaps } = result.data;
  // Checked by hand: z.record would cost ~0.7 KB of the script tag.
  if (frequencyCaps && !validCaps(frequencyCaps)) return invalid('frequencyCaps', 'frequencyCaps');
  if (guardrail !== undefined && !validGuardrail(guardrail))
    return invalid('guardrail: false, or { cls: 0 to 10, days: 0 to 3650 }', 'guardrail');
  if (consent?.features && !validFeaturePurposes(consent.features))
    return invalid('consent.features: each value is a list of purposes', 'consent.features');
  return { ok: true, config: withDefaults(result.data as EdgesegConfigInput) };
}

const invalid = (message: string, path: string): { ok: false; error: EdgesegError } => ({
  ok: false,
  error: edgesegError('config_invalid', `edgeseg: invalid config: ${message}`, { path }),
});
