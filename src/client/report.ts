import type { Emitter } from '../lib/emitter';
import { asEdgesegError, type EdgesegError } from '../lib/errors';
import type { Platform } from '../lib/platform';
import type { ClientEvents } from '../types/client';

/** How a client reports: errors go to `on('error')` (and the console in debug); nothing reaches the page. */
export interface Reporter {
  /** Emits `error`; warns in the console in debug mode, or always with `alwaysWarn`. */
  report(error: EdgesegError, alwaysWarn?: boolean): void;
  /** Runs a public method body; nothing it throws may reach the page. */
  guard(run: () => void): void;
  /** Same for an async body: resolves, never rejects. */
  guardAsync(run: () => Promise<void>): Promise<void>;
}

/** The reporter of one client. `debug` is read at each report: the config arrives after creation. */
export function createReporter(o: {
  platform: Platform;
  emitter: Emitter<ClientEvents>;
  debug: () => boolean;
}): Reporter {
  const report = (error: EdgesegError, alwaysWarn = false): void => {
    if (alwaysWarn || o.debug()) o.platform.warn(error.message, error.path ?? '');
    o.emitter.emit('error', error);
  };
  // Our own errors thrown from a chunk (an invalid event property) keep their code.
  const unexpected = (cause: unknown): void => report(asEdgesegError(cause, 'internal', 'edgeseg: unexpected failure'));
  return {
    report,
    guard(run) {
      try {
        run();
      } catch (cause) {
        unexpected(cause);
      }
    },
    guardAsync(run) {
      try {
        return run().catch(unexpected);
      } catch (cause) {
        unexpected(cause);
        return Promise.resolve();
      }
    },
  };
}
