import type { EdgesegError } from '../lib/errors';
import type { EdgesegConfig } from '../types/config';

/** The outcome of validating a config: the config with defaults, or the first problem in words. */
export type ParsedConfig = { ok: true; config: EdgesegConfig } | { ok: false; error: EdgesegError };

/**
 * The lazily loaded `config` chunk (`src/chunks/config.ts`): the schemas of the
 * configuration and their validator. The core asks it once, at `init`, so the validator is
 * not in the script every page parses before anything else; the engine chunk shares it.
 */
export interface ConfigChunk {
  /** Validates a config object (`init(config)`, `window.edgesegConfig`, `data-*`) and applies the defaults. */
  parse(input: unknown): ParsedConfig;
  /** For a `config_invalid` error about an unknown key: `unknown key bundel: did you mean "bundle"?`, or `''`. */
  suggest(error: EdgesegError): string;
}
