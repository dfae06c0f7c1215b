// The demo bundle's recipe, in one place for `npm run demo` (demo/serve.mjs) and the benches
// that measure the demo's tag (bench/ttd-breakdown.mjs): the repo's own CLI, k 4, seed 7.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main as cli } from '../dist/cli.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Where the demo serves its bundle from (git-ignored: trained, not committed). */
export const DEMO_BUNDLE = join(here, 'segments', 'bundle.json');

/**
 * Trains the demo bundle on `data` (the UCI shoppers CSV, gzipped or not) into `out`.
 * @param {string} data
 * @param {string} [out]
 * @returns {Promise<number>} the CLI's exit code
 */
export function trainDemoBundle(data, out = DEMO_BUNDLE) {
  return cli([
    'train',
    '--input',
    data,
    '--spec',
    join(here, 'segments/uci.spec.json'),
    '--labels',
    join(here, 'segments/labels.json'),
    '--k',
    '4',
    '--seed',
    '7',
    '--out',
    out,
  ]);
}
