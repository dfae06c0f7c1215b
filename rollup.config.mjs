import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import replace from '@rollup/plugin-replace';
import { dts } from 'rollup-plugin-dts';
import { readFileSync, readdirSync } from 'node:fs';
import { internalNames } from './scripts/internal-names.mjs';

/**
 * Every lazy chunk: src/chunks/NAME.ts → dist/edgeseg.NAME.mjs (see src/chunks/loader-contract.ts).
 * `NAME-contract.ts` beside them holds types only: the interface between the core and that chunk.
 */
const CHUNKS = readdirSync('src/chunks')
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('-contract.ts'))
  .map((f) => f.slice(0, -3));

const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    declaration: false,
    outDir: undefined,
    rootDir: undefined,
    noEmitOnError: true,
  });

/**
 * Third-party code in our builds keeps its singletons on the global object: zod under
 * `__zod_globalConfig`/`__zod_globalRegistry`, tfjs under `_tfengine`/`_tfGlobals`. Those
 * names start with `_`, so property mangling (below) turned them into `window.l`,
 * `window.t`, ...: leaked globals that a page element with `id="t"` (a named window
 * property) or another copy of zod or tfjs on the page would collide with. Each build
 * gets a private object instead; test/e2e/globals.test.ts checks that `edgeseg` is the
 * only global left. Edits keep every line where it was, so the input sourcemaps stand.
 */
const PRIVATE_GLOBALS = [
  {
    file: /[\\/]zod[\\/]v4[\\/]core[\\/](core|registries)\.js$/,
    edit: (code) => 'const __edgesegScope = {};' + code.replace(/\bglobalThis\b/g, '__edgesegScope'),
  },
  {
    file: /[\\/]tfjs-core[\\/]dist[\\/]global_util\.js$/,
    edit: (code) => code.replace('let globalNameSpace;', 'let globalNameSpace = {};'),
  },
];
const privateGlobals = () => ({
  name: 'private-globals',
  transform(code, id) {
    const rule = PRIVATE_GLOBALS.find((r) => r.file.test(id));
    if (!rule) return null;
    const edited = rule.edit(code);
    // A dependency update that moves the code must fail the build, not leak again silently.
    if (edited === code || /\bglobalThis\b/.test(edited)) this.error(`private-globals: no longer matches ${id}`);
    return { code: edited, map: null };
  },
});
const cliTs = () =>
  typescript({
    tsconfig: './tsconfig.cli.json',
    declaration: false,
    outDir: undefined,
    rootDir: undefined,
    noEmitOnError: true,
  });

// Private members are `_`-prefixed; mangling them is safe because nothing outside the
// bundle reads them (globals of our dependencies are made private above), and it is a
// large share of the bytes saved. The core also mangles the members its client
// collaborators use among themselves (see scripts/internal-names.mjs).
const minify = (internal = []) =>
  terser({
    ecma: 2020,
    module: true,
    compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
    mangle: { properties: { regex: new RegExp(`^(_.*|${internal.join('|')})$`) } },
    format: { comments: false },
  });

// The SDK's version (src/lib/version.ts): what the browser remembers across loads carries it.
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const sdkVersion = () => replace({ preventAssignment: true, values: { __EDGESEG_VERSION__: JSON.stringify(version) } });

const browser = () => [privateGlobals(), sdkVersion(), nodeResolve({ browser: true }), commonjs(), ts()];

// The tfjs chunk is a custom tfjs build: tfjs-backend-cpu imports the tfjs-core root,
// whose index registers every op, optimizer and chained op; `dist/base` exports the
// same names without those side effects, so only what src/chunks/tfjs.ts uses is kept.
const tfjsCoreBase = () => ({
  name: 'tfjs-core-base',
  resolveId(id, importer) {
    return id === '@tensorflow/tfjs-core'
      ? this.resolve('@tensorflow/tfjs-core/dist/base.js', importer, { skipSelf: true })
      : null;
  },
});

// zod's sources carry esbuild-specific comments that rollup reports and drops; harmless.
const onwarn = (warning, warn) => {
  if (
    warning.code === 'INVALID_ANNOTATION' ||
    (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.message))
  )
    return;
  warn(warning);
};

// ---- Framework bindings: `edgeseg/react` → dist/react.mjs, `edgeseg/vue` → dist/vue.mjs. ----
// Each imports the npm entry as the package `edgeseg` (never a copy of it), so an app that
// uses a binding and `edgeseg` itself has one client module; React and Vue are peers.
const entryAsPackage = () => ({
  name: 'entry-as-package',
  resolveId: (id, importer) =>
    id === '../index' && /[\\/]src[\\/]bindings[\\/]/.test(importer ?? '') ? { id: 'edgeseg', external: true } : null,
});
const BINDINGS = ['react', 'vue'].flatMap((name) => [
  {
    input: `src/bindings/${name}.ts`,
    output: { file: `dist/${name}.mjs`, format: 'es', sourcemap: true },
    external: /^(react|vue)(\/|$)/,
    plugins: [entryAsPackage(), ...browser()],
    onwarn,
  },
  {
    input: `src/bindings/${name}.ts`,
    output: { file: `dist/${name}.d.ts`, format: 'es' },
    external: /^(react|vue)(\/|$)/,
    plugins: [entryAsPackage(), dts({ tsconfig: './tsconfig.json' })],
  },
]);
// ---- end of the framework bindings ----

/**
 * The script tag's chunks are built together, so what several of them use (zod, the
 * bundle schema, shared helpers) is emitted once, in `edgeseg.shared.mjs`, rather than
 * copied into each. A module joins it when more than one chunk reaches it through static
 * imports; everything else stays in the one chunk that uses it. One shared file, not one
 * per combination of chunks: the chunks that need it all load at start anyway (config,
 * engine), and a fixed name lets the core's first lines request it with them.
 */
function sharedChunk(id, { getModuleInfo }) {
  const entries = new Set();
  const seen = new Set();
  const stack = [id];
  while (stack.length) {
    const m = stack.pop();
    if (seen.has(m)) continue;
    seen.add(m);
    const info = getModuleInfo(m);
    if (!info) continue;
    if (info.isEntry) entries.add(m);
    stack.push(...info.importers);
  }
  return entries.size > 1 ? 'shared' : undefined;
}

export default [
  // npm entries: ESM. `edgeseg` loads every chunk through `import()`, so an app's bundler
  // splits them off; `edgeseg/engine` (src/internals.ts) exposes the engine's parts to tooling.
  {
    input: { edgeseg: 'src/index.ts', internals: 'src/internals.ts' },
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].mjs',
      chunkFileNames: 'edgeseg-[name].mjs',
    },
    external: [/^@tensorflow\//],
    plugins: browser(),
    onwarn,
  },
  // Script tag: the core, minified, defines window.edgeseg.
  {
    input: 'src/embed.ts',
    output: { file: 'dist/edgeseg.iife.js', format: 'iife', sourcemap: true },
    plugins: [...browser(), minify(internalNames())],
    onwarn,
  },
  // The script tag's lazy chunks in one build, each imported from beside the core when needed.
  {
    input: Object.fromEntries(CHUNKS.map((name) => [name, `src/chunks/${name}.ts`])),
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: 'edgeseg.[name].mjs',
      chunkFileNames: 'edgeseg.[name].mjs',
      manualChunks: sharedChunk,
    },
    // Script-tag chunks are imported from beside the script: nothing may stay a bare import.
    plugins: [tfjsCoreBase(), ...browser(), minify()],
    onwarn,
  },
  // The CLI, for Node: shares the browser's feature and validation code.
  {
    input: 'cli/main.ts',
    output: { file: 'dist/cli.mjs', format: 'es', sourcemap: true },
    // @stdlib (the report's distribution quantiles) loads JSON tables through CommonJS: left to
    // Node, which resolves them from the package's dependencies.
    external: [/^node:/, /^@tensorflow\//, /^@stdlib\//],
    plugins: [nodeResolve(), commonjs(), cliTs()],
    onwarn,
  },
  // The CLI's k-means worker thread (dist/cli-worker.mjs, found beside dist/cli.mjs).
  {
    input: 'cli/train/kernel-worker.ts',
    output: { file: 'dist/cli-worker.mjs', format: 'es', sourcemap: true },
    external: [/^node:/],
    plugins: [cliTs()],
    onwarn,
  },
  // Declarations, one self-contained file per export path (an editor reads each alone).
  ...[
    ['src/index.ts', 'dist/edgeseg.d.ts'],
    ['src/internals.ts', 'dist/internals.d.ts'],
  ].map(([input, file]) => ({
    input,
    output: { file, format: 'es' },
    plugins: [dts({ tsconfig: './tsconfig.json' })],
  })),
  // ---- Framework bindings (issue 16): edgeseg/react and edgeseg/vue. ----
  ...BINDINGS,
];
