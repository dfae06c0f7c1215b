// Where the real data files are, for benches, tests and demos: the repository's data/
// folder first (gzipped or not), then EDGESEG_DATA_DIR, then the shared folder beside the
// repository (../shared/data). Every reader here takes .gz transparently.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The path of data file `name` (or `name.gz`), or null when it is not on this machine.
 * @param {string} name
 * @returns {string | null}
 */
export function dataFile(name) {
  const dirs = [join(root, 'data'), process.env.EDGESEG_DATA_DIR, resolve(root, '../shared/data')];
  for (const dir of dirs)
    for (const file of [name, `${name}.gz`]) if (dir && existsSync(join(dir, file))) return join(dir, file);
  return null;
}
