// What an app that installs edgeseg from npm ships: a two-line app (import `edgeseg`,
// call `personalize()`) built with rollup and terser the way an app's bundler would,
// resolving `edgeseg` through this package's `exports` (the published entry, dist/).
// Its initial chunk is what every page of the app downloads before anything else; the
// chunks it splits off (config, engine, collect, store, consent, panels, tfjs) load on
// demand. bench/size.mjs reports and checks it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The test app: what the README's npm quick start does. */
export const APP = `import { createClient } from 'edgeseg';
const edgeseg = createClient();
edgeseg.init({ bundle: '/segments/bundle.json', consent: { mode: 'opt-out' } });
edgeseg.personalize('hero', { researcher: 'Compare models', default: 'Shop now' }).then((text) => {
  document.querySelector('h1').textContent = text;
});
`;

/** `edgeseg` and `edgeseg/…` resolved as an installed copy would be: through package.json `exports`. */
const selfPackage = () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return {
    name: 'edgeseg-package',
    resolveId(id) {
      if (id !== pkg.name && !id.startsWith(`${pkg.name}/`)) return null;
      const entry = pkg.exports[`.${id.slice(pkg.name.length)}`];
      return entry ? join(root, entry.import) : null;
    },
  };
};

/**
 * Builds the app (tfjs stays external: an app that never loads a network bundle never
 * fetches it) and returns each output chunk's gzip size, the initial chunk first.
 * @returns {Promise<{ initial: { file: string, min: number, gz: number }, lazy: { file: string, min: number, gz: number }[] }>}
 */
export async function buildNpmApp() {
  const dir = mkdtempSync(join(tmpdir(), 'edgeseg-npm-app-'));
  try {
    writeFileSync(join(dir, 'app.mjs'), APP);
    const build = await rollup({
      input: join(dir, 'app.mjs'),
      external: [/^@tensorflow\//],
      plugins: [selfPackage(), nodeResolve({ browser: true })],
      onwarn: () => {},
    });
    const { output } = await build.generate({
      format: 'es',
      chunkFileNames: '[name].mjs',
      plugins: [terser({ ecma: 2020, module: true, format: { comments: false } })],
    });
    await build.close();
    const chunks = new Map(output.filter((o) => o.type === 'chunk').map((o) => [o.fileName, o]));
    // The initial download: the entry and every chunk it imports statically (a bundler may
    // hoist code the entry shares with a lazy chunk into a chunk of its own).
    const initialFiles = new Set();
    const visit = (name) => {
      if (initialFiles.has(name)) return;
      initialFiles.add(name);
      for (const dep of chunks.get(name)?.imports ?? []) visit(dep);
    };
    for (const o of chunks.values()) if (o.isEntry) visit(o.fileName);
    const size = (files) => {
      const code = files.map((f) => chunks.get(f).code);
      return {
        file: files.join(' + '),
        min: code.reduce((n, c) => n + c.length, 0),
        gz: code.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0),
      };
    };
    return {
      initial: size([...initialFiles]),
      lazy: [...chunks.keys()].filter((f) => !initialFiles.has(f)).map((f) => size([f])),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
