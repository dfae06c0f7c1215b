import type { Bundle } from '../types/bundle';
import type { Assignment } from '../types/decision';
import { unassigned } from './unassigned';

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

/**
 * The forced assignment. Only a segment the bundle has can be previewed, and its label is
 * the bundle's: the URL is anyone's to write, so nothing from it reaches `segment().id`
 * or `.label` unchecked. Before the bundle is loaded, or for an id it does not have, the
 * preview forces no segment (`id: null`) and slots keep their default content.
 */
export function previewAssignment(id: string, bundle: Bundle | undefined): Assignment {
  const label = bundle?.segments.find((s) => s.id === id)?.label;
  const a = unassigned(label ? 'Preview (not stored).' : 'Preview of an unknown segment.', bundle?.version);
  return label ? { ...a, id, label, confidence: 1, source: 'preview' } : { ...a, source: 'preview' };
}
