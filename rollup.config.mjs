import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import { readdirSync } from 'node:fs';

/** Every lazy chunk: src/chunks/NAME.ts → dist/edgeseg.NAME.mjs (see src/types/chunks.ts). */
const CHUNKS = readdirSync('src/chunks')
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3));

const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    declaration: false,
    outDir: undefined,
    rootDir: undefined,
    noEmitOnError: true,
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
// bundle reads them, and it is a large share of the bytes saved.
const minify = () =>
  terser({
    ecma: 2020,
    module: true,
    compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
    mangle: { properties: { regex: /^_/ } },
    format: { comments: false },
  });

const browser = () => [nodeResolve({ browser: true }), commonjs(), ts()];

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
    plugins: [...browser(), minify()],
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
    external: [/^node:/, /^@tensorflow\//],
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
  {
    input: 'src/index.ts',
    output: { file: 'dist/edgeseg.d.ts', format: 'es' },
    plugins: [dts({ tsconfig: './tsconfig.json' })],
  },
];
