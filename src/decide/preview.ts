import type { Bundle } from '../types/bundle';
import type { Assignment } from '../types/decision';
import { unassigned } from '../score/unassigned';

/**
 * The segment `?edgeseg_preview=` asks for, or `null`. Read from the URL on every page
 * view, never stored.
 */
export function previewRequest(win: Window | null): string | null {
  try {
    return new URLSearchParams(win?.location.search).get('edgeseg_preview') || null;
  } catch {
    return null;
  }
}

/** The forced assignment; the label comes from the bundle once it is loaded. */
export function previewAssignment(id: string, bundle: Bundle | undefined): Assignment {
  const label = bundle?.segments.find((s) => s.id === id)?.label ?? id;
  return { ...unassigned('Preview (not stored).', bundle?.version), id, label, confidence: 1, source: 'preview' };
}
