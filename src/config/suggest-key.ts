import type { EdgesegError } from '../lib/errors';

/** A zod/mini schema as far as walking its object shapes goes. */
interface Walkable {
  def: { shape?: Record<string, Walkable>; innerType?: Walkable };
}

/** Levenshtein distance, case-insensitive (one row: config keys are short). */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/**
 * "did you mean" for a `config_invalid` error about one unknown key: the known key at the
 * same place in `schema` (the config schema) within two edits (one for keys of four
 * letters or fewer), as `unknown key bundel: did you mean "bundle"?`, or `''`. Lives in a
 * lazy chunk: only a page with a typo in its config pays for it.
 */
export function suggestKey(schema: unknown, error: EdgesegError): string {
  const key = /unknown key (\S+)$/.exec(error.message)?.[1];
  if (!key) return '';
  let node = schema as Walkable | undefined;
  for (const part of error.path ? error.path.split('.') : []) {
    while (node?.def.innerType) node = node.def.innerType;
    node = node?.def.shape?.[part];
  }
  while (node?.def.innerType) node = node.def.innerType;
  let best = '';
  let limit = key.length > 4 ? 3 : 2;
  for (const known of Object.keys(node?.def.shape ?? {})) {
    const d = distance(key, known);
    if (d < limit) [best, limit] = [known, d];
  }
  const at = error.path ? `${error.path}.` : '';
  return best && `unknown key ${at}${key}: did you mean "${at}${best}"?`;
}
