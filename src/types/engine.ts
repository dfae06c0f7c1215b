import type { EdgesegError } from '../lib/errors';
import type { Bundle } from './bundle';
import type { Assignment } from './decision';
import type { Profile } from './profile';

/** A bundle prepared for scoring (opaque to the core). */
export interface PreparedBundle {
  bundle: Bundle;
}

/**
 * What the lazily loaded engine chunk provides: everything that needs a bundle. The
 * script-tag core stays small because visitors without a bundle, or returning ones
 * decided from their cached assignment, never wait for it.
 */
export interface Engine {
  /** Validates bundle text (size, JSON, schema, dimensions) and prepares it for scoring. */
  prepareBundle(text: string): { ok: true; prepared: PreparedBundle } | { ok: false; error: EdgesegError };
  /** The visitor's assignment for a profile at time `now`. Pure. */
  score(prepared: PreparedBundle, profile: Profile | null, now: number): Assignment;
}
