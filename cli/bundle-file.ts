import { BUNDLE_LIMITS } from '../src/bundle/schema';
import { parseBundleJson, validateBundle } from '../src/bundle/validate-bundle';
import type { Bundle } from '../src/types/bundle';
import { readText } from './io';

/** A bundle file: the raw JSON (every field, as signed) and the validated view of it. */
export interface BundleFile {
  raw: Record<string, unknown>;
  bundle: Bundle;
  bytes: number;
}

/**
 * Reads and validates a bundle with the browser's own `parseBundleText` (same size limit,
 * same codes), so a file the CLI accepts is one the SDK accepts. `unsigned` validates it
 * as it will be before signing (its old signature, which `sign` replaces, left out).
 */
export function readBundleFile(path: string, { unsigned = false } = {}): BundleFile {
  let text: string;
  try {
    text = readText(path);
  } catch (error) {
    throw new Error(`cannot read bundle ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const parsed = parseBundleJson(text, BUNDLE_LIMITS.bytes);
  const result = parsed.ok ? validateBundle(unsigned ? withoutSignature(parsed.json) : parsed.json) : parsed;
  if (!result.ok)
    throw new Error(
      `${path}: ${result.error.code}: ${result.error.message.replace(/^edgeseg: /, '')}${result.error.path ? ` (at ${result.error.path})` : ''}`,
    );
  return { raw: JSON.parse(text) as Record<string, unknown>, bundle: result.bundle, bytes: Buffer.byteLength(text) };
}

function withoutSignature(json: unknown): unknown {
  if (!json || typeof json !== 'object') return json;
  const { signature: _old, ...rest } = json as Record<string, unknown>;
  return rest;
}
