import type { Assignment } from '../types/decision';
import type { StorageDeclaration } from '../types/privacy';
import type { VisitorArm } from '../types/experiment';
import { unassigned } from '../score/unassigned';

/** localStorage key of the last model assignment; written only with personalization consent. */
export const LAST_KEY = 'edgeseg:last';

/** The privacy manifest's entry for {@link LAST_KEY}. */
export const LAST_KEY_DECLARATION: StorageDeclaration = {
  holds:
    "the visitor's last segment (id, label, confidence, model version, experiment arms) and a fingerprint of the page's config, so a returning visitor's page is personalized before it is first painted",
  category: 'inference',
  purpose: 'personalization',
  bound: 'one segment',
  retention: 'replaced by every decision; erased at once when personalization is denied or withdrawn, and by forget()',
};

/**
 * The last assignment, for a returning visitor's decision before first paint: slots are
 * then swapped as they are parsed and nothing is hidden. The engine's fresh score
 * replaces it moments later (it usually agrees).
 */
export function readLastAssignment(storage: Storage | null): Assignment | null {
  try {
    const [id, label, confidence, version, experiments] = JSON.parse(storage?.getItem(LAST_KEY) ?? 'null') as [
      string | null,
      string | null,
      number,
      number | null,
      VisitorArm[] | undefined,
    ];
    // Garbage (not an array) throws here; a wrong id type matches no variant and shows the default.
    // The arms come along, so a held-out or control visitor sees no variant before the engine scores.
    return { ...unassigned('From your last visit.', version), id, label, confidence, source: 'model', experiments };
  } catch {
    return null;
  }
}

/**
 * The fingerprint of the config the last assignment was made under (`config/fingerprint.ts`),
 * or `null`. Equal to this page's: the config is known valid, and the remembered decision
 * can be shown before the validator's chunk arrives.
 */
export function lastConfigFingerprint(storage: Storage | null): string | null {
  try {
    const print: unknown = (JSON.parse(storage?.getItem(LAST_KEY) ?? 'null') as unknown[] | null)?.[5];
    return typeof print === 'string' ? print : null;
  } catch {
    return null;
  }
}

/** Remembers a model assignment, and the fingerprint of the (validated) config it was made under (the caller checks consent). */
export function writeLastAssignment(storage: Storage | null, a: Assignment, config: string | null): void {
  try {
    storage?.setItem(LAST_KEY, JSON.stringify([a.id, a.label, a.confidence, a.bundleVersion, a.experiments, config]));
  } catch {
    /* storage full or blocked: the next visit decides after the engine loads */
  }
}
