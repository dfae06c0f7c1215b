import type { Bundle } from '../types/bundle';
import type { Assignment } from '../types/decision';
import { unassigned } from '../score/unassigned';

/**
 * The segment `?edgeseg_preview=` asks for (or the arm `?edgeseg_arm=`, with that `name`),
 * or `null`. Read from the URL on every page view, never stored.
 */
export function previewRequest(win: Window | null, name = 'edgeseg_preview'): string | null {
  try {
    return new URLSearchParams(win?.location.search).get(name) || null;
  } catch {
    return null;
  }
}

/**
 * The forced assignment, or `null` when the bundle has no segment with that id: only
 * the bundle's own ids are honoured and the label always comes from the bundle, so a
 * crafted link cannot put arbitrary text in `segment().id` or `.label`.
 */
export function previewAssignment(id: string, bundle: Bundle): Assignment | null {
  const segment = bundle.segments.find((s) => s.id === id);
  if (!segment) return null;
  return {
    ...unassigned('Preview (not stored).', bundle.version),
    id: segment.id,
    label: segment.label,
    confidence: 1,
    source: 'preview',
  };
}
