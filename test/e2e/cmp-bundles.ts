import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Bundles one entry of `test/e2e/cmp/` (real consent-manager code from npm) into a classic script. */
async function bundle(entry: string): Promise<string> {
  const build = await rollup({
    input: here(`cmp/${entry}`),
    plugins: [nodeResolve({ browser: true }), commonjs()],
    logLevel: 'silent',
  });
  const { output } = await build.generate({ format: 'iife' });
  await build.close();
  return output[0].code;
}

/** The consent managers the e2e pages load, as script bodies. */
export async function cmpScripts(): Promise<{ tcf: string; gpp: string; klaro: string; klaroCss: string }> {
  const [tcf, gpp] = await Promise.all([bundle('tcf-entry.js'), bundle('gpp-entry.js')]);
  const klaroDir = here('../../node_modules/klaro/dist/');
  return {
    tcf,
    gpp,
    klaro: readFileSync(`${klaroDir}klaro-no-css.js`, 'utf8'),
    klaroCss: readFileSync(`${klaroDir}klaro.css`, 'utf8'),
  };
}
