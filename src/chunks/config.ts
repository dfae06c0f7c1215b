/**
 * The config chunk (`dist/edgeseg.config.mjs`): config validation with zod/mini. Requested
 * by the script tag's first lines, in parallel with the rest of the core; `init` waits
 * for it before anything starts, so an invalid config still leaves the page untouched.
 */
import { parseConfig } from '../config/parse-config';
import { configSchema } from '../config/schema';
import { suggestKey } from '../config/suggest-key';
import type { ConfigChunk } from './config-contract';

const config: ConfigChunk = { parse: parseConfig, suggest: (error) => suggestKey(configSchema(), error) };

export default config;
