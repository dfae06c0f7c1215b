import { ownData } from '../lib/own';
import type { EdgesegConfig, EdgesegConfigInput } from '../types/config';
import { CONFIG_DEFAULTS } from './defaults';

const defined = (o: object): object => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * The config in force for a valid input: every option left out takes its default. Apart
 * from the validator (zod, in the config chunk) because the core also needs it: a config
 * remembered as valid (see `fingerprint.ts`) is started from without waiting for that chunk.
 */
export function withDefaults(input: EdgesegConfigInput): EdgesegConfig {
  const { consent, retention, collect, guardrail, ...rest } = input;
  const config = {
    ...CONFIG_DEFAULTS,
    ...defined(rest),
    consent: { ...CONFIG_DEFAULTS.consent, ...defined(consent ?? {}) },
    retention: { ...CONFIG_DEFAULTS.retention, ...defined(retention ?? {}) },
    guardrail: guardrail === false ? false : { ...CONFIG_DEFAULTS.guardrail, ...defined(guardrail ?? {}) },
    // The older top-level switches still turn their collectors off.
    collect: {
      ...CONFIG_DEFAULTS.collect,
      pageViews: rest.autoPage ?? true,
      clicks: rest.trackClicks ?? true,
      ...defined(collect ?? {}),
    },
  };
  return ownData(config) as EdgesegConfig;
}
