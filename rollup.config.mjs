import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import { readdirSync } from 'node:fs';
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

const browser = () => [privateGlobals(), nodeResolve({ browser: true }), commonjs(), ts()];

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

export default [
  // npm entry: ESM, the engine split into its own chunk by the dynamic import.
  {
    input: { edgeseg: 'src/index.ts' },
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
  // The script tag's lazy chunks, each imported from beside it when needed.
  ...CHUNKS.map((name) => ({
    input: `src/chunks/${name}.ts`,
    output: { file: `dist/edgeseg.${name}.mjs`, format: 'es', sourcemap: true },
    // Script-tag chunks are imported from beside the script: nothing may stay a bare import.
    plugins: [tfjsCoreBase(), ...browser(), minify()],
    onwarn,
  })),
  // The CLI, for Node: shares the browser's feature and validation code.
  {
    input: 'cli/main.ts',
    output: { file: 'dist/cli.mjs', format: 'es', sourcemap: true },
    // @stdlib (the report's distribution quantiles) loads JSON tables through CommonJS: left to
    // Node, which resolves them from the package's dependencies.
    external: [/^node:/, /^@tensorflow\//, /^@stdlib\//],
    plugins: [
      nodeResolve(),
      commonjs(),
      typescript({
        tsconfig: './tsconfig.cli.json',
        declaration: false,
        outDir: undefined,
        rootDir: undefined,
        noEmitOnError: true,
      }),
    ],
    onwarn,
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/edgeseg.d.ts', format: 'es' },
    plugins: [dts({ tsconfig: './tsconfig.json' })],
  },
];
