// Where the data sets the demo, the tests and the benchmarks read are: the repo's data/
// (gzip-compressed, read as is), or the folder EDGESEG_DATA_DIR names.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The repo's data/ folder. (Not `new URL('../data/', import.meta.url)`: happy-dom's URL, global in unit tests, mishandles file: URLs.) */
export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');

/**
 * The path of a data set by its CSV name (`online_retail.csv`): `NAME.gz`, else `NAME`, in
 * `EDGESEG_DATA_DIR` when it is set, else in the repo's data/. Throws when it is missing:
 * the repo ships it, so a missing file is an error to see, never a reason to skip.
 * @param {string} name
 * @returns {string}
 */
export function dataFile(name) {
  const dir = process.env.EDGESEG_DATA_DIR || DATA_DIR;
  const found = [`${name}.gz`, name].map((file) => join(dir, file)).find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      `${name}.gz not found in ${dir}: it ships in the repo's data/ (restore it with \`git checkout -- data\`), or set EDGESEG_DATA_DIR to a folder holding it`,
    );
  }
  return found;
}

/**
 * A data file's text, gunzipped when its name ends in `.gz`.
 * @param {string} path
 * @returns {string}
 */
export function readDataText(path) {
  const buffer = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(buffer) : buffer).toString('utf8');
}
