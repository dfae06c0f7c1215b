import type { ChunkLoader } from '../chunks/loader-contract';
import type { ParsedConfig } from '../chunks/config-contract';
import { configFingerprint } from '../config/fingerprint';
import { withDefaults } from '../config/with-defaults';
import { asEdgesegError, edgesegError } from '../lib/errors';
import { ownData } from '../lib/own';
import type { EdgesegConfigInput } from '../types/config';

/** A config that could not be read at all: a throwing getter, a polluted prototype. */
const unreadable = (cause: unknown): ParsedConfig => ({
  ok: false,
  error: asEdgesegError(cause, 'config_invalid', 'edgeseg: the config could not be read'),
});

/**
 * Reads the config `init` was given, now (later changes to the page's object do not count),
 * and validates it in the config chunk: zod lives there (shared with the engine), not in
 * the core every page parses. `done` hears the outcome with the config's fingerprint;
 * nothing here throws.
 *
 * A config whose fingerprint is the one `remembered` (the config a returning visitor's
 * decision was made under, validated on that visit by this same SDK version) is not
 * waited for: `done` hears it in a microtask, with its defaults, so the remembered decision
 * is shown before the chunk arrives. The chunk still validates it; only a failure (which
 * a fingerprint collision alone could cause) is then reported, as a second `done`.
 */
export function readConfig(
  input: unknown,
  o: {
    load: ChunkLoader;
    warn(message: string): void;
    guard(run: () => void): void;
    remembered(): string | null;
    done(parsed: ParsedConfig, fingerprint: string | null): void;
  },
): void {
  let data: unknown;
  try {
    data = ownData(input ?? {});
  } catch (cause) {
    return o.done(unreadable(cause), null);
  }
  const print = configFingerprint(data);
  const known = print !== null && print === o.remembered();
  // A microtask, not now: the calls a page queued before the SDK arrived are replayed after
  // `init` and must still run before the start, as they would after the chunk.
  if (known)
    queueMicrotask(() => o.guard(() => o.done({ ok: true, config: withDefaults(data as EdgesegConfigInput) }, print)));
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
        if (known && parsed.ok) return;
        // "Did you mean" for a typo: a second line, from the chunk that knows the schema.
        const hint = parsed.ok ? '' : chunk.suggest(parsed.error);
        if (hint) o.warn(`edgeseg: invalid config: ${hint}`);
        o.done(parsed, print);
      }),
    (cause: unknown) =>
      o.guard(() => {
        // Validated on an earlier visit: the chunk is only a second check.
        if (known) return;
        o.done(
          {
            ok: false,
            error: edgesegError('config_unavailable', 'edgeseg: the config validator could not be loaded', { cause }),
          },
          print,
        );
      }),
  );
}
