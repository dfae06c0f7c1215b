import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A real data file for tests and benches, or null when it is not on this machine: the
 * repository's data/ folder first (gzipped or not), then EDGESEG_DATA_DIR, then the shared
 * folder beside the repository (../shared/data).
 */
export function dataFile(name: string): string | null {
  const root = resolve(__dirname, '../..');
  const dirs = [
    join(root, 'data'),
    process.env['EDGESEG_DATA_DIR'],
    join(root, '..', 'shared', 'data'),
    '/work/shared/data',
  ];
  for (const dir of dirs)
    for (const file of [name, `${name}.gz`]) if (dir && existsSync(join(dir, file))) return join(dir, file);
  return null;
}
