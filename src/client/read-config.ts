import type { ChunkLoader } from '../chunks/loader-contract';
import type { ParsedConfig } from '../chunks/config-contract';
import { asEdgesegError, edgesegError } from '../lib/errors';
import { ownData } from '../lib/own';

/** A config that could not be read at all: a throwing getter, a polluted prototype. */
const unreadable = (cause: unknown): ParsedConfig => ({
  ok: false,
  error: asEdgesegError(cause, 'config_invalid', 'edgeseg: the config could not be read'),
});

/**
 * Reads the config `init` was given, now (later changes to the page's object do not count),
 * and validates it in the config chunk: zod lives there (shared with the engine), not in
 * the core every page parses. `done` hears the outcome once; nothing here throws.
 */
export function readConfig(
  input: unknown,
  o: {
    load: ChunkLoader;
    warn(message: string): void;
    guard(run: () => void): void;
    done(parsed: ParsedConfig): void;
  },
): void {
  let data: unknown;
  try {
    data = ownData(input ?? {});
  } catch (cause) {
    return o.done(unreadable(cause));
  }
  o.load('config').then(
    (chunk) =>
      o.guard(() => {
        let parsed: ParsedConfig;
        try {
          parsed = chunk.parse(data);
        } catch (cause) {
          // zod's schema constructors walk objects with `for…in`: a polluted prototype breaks them.
          parsed = unreadable(cause);
        }
        // "Did you mean" for a typo: a second line, from the chunk that knows the schema.
        const hint = parsed.ok ? '' : chunk.suggest(parsed.error);
        if (hint) o.warn(`edgeseg: invalid config: ${hint}`);
        o.done(parsed);
      }),
    (cause: unknown) =>
      o.guard(() =>
        o.done({
          ok: false,
          error: edgesegError('config_unavailable', 'edgeseg: the config validator could not be loaded', { cause }),
        }),
      ),
  );
}
