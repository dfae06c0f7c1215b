import type { EdgesegError } from '../lib/errors';
import type { EdgesegConfig } from '../types/config';

/** The outcome of validating a config: the config with defaults, or the first problem in words. */
export type ParsedConfig = { ok: true; config: EdgesegConfig } | { ok: false; error: EdgesegError };

/**
 * The lazily loaded `config` chunk (`src/chunks/config.ts`): the zod/mini schemas of the
 * configuration. The core asks it once, at `init`, so zod is not in the script every page
 * parses before anything else; it shares zod with the engine chunk (one copy).
 */
export interface ConfigChunk {
  /** Validates a config object (`init(config)`, `window.edgesegConfig`, `data-*`) and applies the defaults. */
  parse(input: unknown): ParsedConfig;
}
