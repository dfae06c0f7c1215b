/**
 * The canonical serialisation a bundle signature covers: the bundle without its
 * `signature` field, as JSON with object keys sorted by UTF-16 code units and no
 * whitespace. Numbers use JavaScript's own shortest round-trip form, which every engine
 * (and Node) produces identically, so the browser and the CLI agree byte for byte.
 */
export function canonicalize(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('canonicalize: value is not JSON');
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalize(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalize((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** The bytes a bundle's signature is computed over. */
export function signedBytes(bundle: Record<string, unknown>): Uint8Array {
  const { signature: _ignored, ...rest } = bundle;
  return new TextEncoder().encode(canonicalize(rest));
}
