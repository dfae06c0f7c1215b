// Time to decision side by side with GrowthBook's script tag (issue 18), with the peer
// harness that lives outside this repository (it installs GrowthBook's tag from npm into a
// temp folder): GrowthBook, a 0.5 KB floor and edgeseg's README tag interleaved in rounds,
// in both consent modes (opt-out; a visitor who accepts the banner, `EDGESEG_CONSENT=set`).
// Not part of `npm run bench`: it needs the harness folder.
//
//   npm run build && npm run demo   # once: the build and the demo bundle (Ctrl-C the server)
//   node bench/side-by-side.mjs PATH/TO/peers [--rounds 5] [--per 10]
//
// Prints each run's table and ratios; bench/results.md ("Side by side with GrowthBook")
// holds the figures of one such run, copied by hand with the date.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [peers, ...rest] = process.argv.slice(2);
const harness = peers && join(resolve(peers), 'ttd-side-by-side.mjs');
if (!harness || !existsSync(harness)) {
  console.error('usage: node bench/side-by-side.mjs PATH/TO/peers [--rounds 5] [--per 10]');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const args = rest.length ? rest : ['--rounds', '5', '--per', '10'];
for (const consent of ['opt-out', 'set']) {
  console.log(`\n### consent: ${consent === 'set' ? 'opt-in, accepted at load (EDGESEG_CONSENT=set)' : 'opt-out'}\n`);
  const env = { ...process.env, EDGESEG_CONSENT: consent === 'set' ? 'set' : '' };
  execFileSync('node', [harness, '--checkout', root, ...args], { stdio: 'inherit', env });
}
