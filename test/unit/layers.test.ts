// The layer rule of docs/architecture.md, executable: every import of every non-test file
// in src/ (static, dynamic, `import type`, `import('…')` types, re-exports) must point
// along the pipeline, and no file may reach itself through its imports.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** What every stage may import. */
const BASE = ['types', 'lib', 'config'];
/** The pipeline's stages, left to right. */
const STAGES = ['collect', 'profile', 'store', 'features', 'bundle', 'score', 'decide', 'render', 'measure'];
const leftOf = (stage: string): string[] => [...BASE, ...STAGES.slice(0, STAGES.indexOf(stage))];

/**
 * Which folder of src/ may import which (besides itself). The same table is in
 * docs/architecture.md ("Folder map"); a test below keeps the two equal. Stages follow the
 * pipeline: each may import the stages to its left. `consent` is not a stage: the client
 * applies it. `chunks/` holds the lazy chunks' entries and their contracts (`*-contract.ts`).
 * `client` is src/client.ts and src/client/; `entry` is index.ts, internals.ts, embed.ts and prefetch.ts.
 * `bindings` (React, Vue) sit on top of the npm entry, as an app would.
 */
export const ALLOWED: Record<string, readonly string[]> = {
  types: [],
  lib: ['types'],
  config: ['types', 'lib'],
  consent: BASE,
  ...Object.fromEntries(STAGES.map((stage) => [stage, leftOf(stage)])),
  chunks: [...BASE, 'consent', ...STAGES],
  client: [...BASE, 'consent', ...STAGES, 'chunks'],
  entry: [...BASE, 'consent', ...STAGES, 'chunks', 'client'],
  bindings: ['entry'],
};

/** npm packages and the folders that may import them (a prefix ending in `/` covers a scope). */
export const PACKAGES: Record<string, readonly string[]> = {
  'zod/mini': ['config', 'bundle'],
  idb: ['store'],
  '@tensorflow/': ['chunks'],
  react: ['bindings'],
  vue: ['bindings'],
  'web-vitals': ['measure'],
};

/** The folder (layer) a path relative to src/ belongs to. */
export function layerOf(file: string): string {
  const [head, ...rest] = file.split('/');
  if (rest.length === 0) return head === 'client.ts' ? 'client' : 'entry';
  return head as string;
}

/** A lazy chunk's entry (`chunks/NAME.ts`), as opposed to its contract (`chunks/NAME-contract.ts`). */
const isChunkEntry = (file: string): boolean => /^chunks\/[^/]+(?<!-contract)\.ts$/.test(file);

/** Every module specifier a TypeScript file names. */
export function importsOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      // `import(url)` with a computed URL loads a built chunk at run time: no source edge.
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) out.push(arg.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) out.push(literal.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteral(expr)) out.push(expr.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** A source file and the files (relative to src/) or packages it imports. */
export interface ModuleNode {
  file: string;
  imports: { spec: string; target: string | null; pkg: string | null }[];
}

/** Resolves relative specifiers against the set of known files (`x` → `x.ts`, `x/index.ts`). */
export function resolveImports(files: Map<string, string[]>): ModuleNode[] {
  return [...files].map(([file, specs]) => ({
    file,
    imports: specs.map((spec) => {
      if (!spec.startsWith('.')) return { spec, target: null, pkg: spec };
      const base = join(dirname(file), spec);
      const target = [base, `${base}.ts`, `${base}/index.ts`].find((f) => files.has(f)) ?? null;
      return { spec, target, pkg: null };
    }),
  }));
}

/** Every import that points against the layer rule, in words. */
export function layerViolations(nodes: readonly ModuleNode[]): string[] {
  const out: string[] = [];
  for (const { file, imports } of nodes) {
    const from = layerOf(file);
    const allowed = ALLOWED[from];
    if (!allowed) {
      out.push(`${file}: folder "${from}" is not in the layer table`);
      continue;
    }
    for (const { spec, target, pkg } of imports) {
      if (pkg !== null) {
        const rule = Object.entries(PACKAGES).find(([name]) =>
          name.endsWith('/') ? pkg.startsWith(name) : pkg === name || pkg.startsWith(`${name}/`),
        );
        if (!rule) out.push(`${file}: imports package "${pkg}", which no folder may import`);
        else if (!rule[1].includes(from)) out.push(`${file}: imports package "${pkg}" (only ${rule[1].join(', ')})`);
        continue;
      }
      if (target === null) {
        if (!/\.(json|js)(\?.*)?$/.test(spec)) out.push(`${file}: cannot resolve "${spec}"`);
        continue;
      }
      const to = layerOf(target);
      if (to !== from && !allowed.includes(to)) out.push(`${file}: ${from} may not import ${to} ("${spec}")`);
      // A chunk entry is code the script tag loads lazily: only the npm entries bundle it
      // (`index.ts` through `import()`, `internals.ts`, the `edgeseg/engine` path for tooling).
      if (isChunkEntry(target) && file !== 'index.ts' && file !== 'internals.ts')
        out.push(`${file}: imports the lazy chunk entry ${target}`);
    }
  }
  return out;
}

/** Every import cycle (a strongly connected group of files), each listed from its first file. */
export function importCycles(nodes: readonly ModuleNode[]): string[][] {
  const edges = new Map(
    nodes.map((n) => [n.file, n.imports.flatMap((i) => (i.target === null ? [] : [i.target]))] as const),
  );
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(group.sort());
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) connect(v);
  return cycles;
}

/** Every non-test TypeScript file under `dir`, relative to it. */
function sourceFiles(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((entry) => {
    const path = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return sourceFiles(dir, path);
    return /\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');
const graph = (): ModuleNode[] =>
  resolveImports(new Map(sourceFiles(SRC).map((f) => [f, importsOf(f, readFileSync(join(SRC, f), 'utf8'))])));

describe('layers of src/', () => {
  const nodes = graph();

  it('reads every source file of src/ and its imports', () => {
    expect(nodes.length).toBeGreaterThan(100);
    expect(nodes.find((n) => n.file === 'index.ts')?.imports.length).toBeGreaterThan(10);
    expect(relative(SRC, join(SRC, 'types'))).toBe('types');
  });

  it('every import points along the pipeline (docs/architecture.md, "Folder map")', () => {
    expect(layerViolations(nodes)).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(importCycles(nodes)).toEqual([]);
  });
});

describe('docs/architecture.md', () => {
  it('shows the same folder map as this test', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const table = doc.split('<!-- layers:start -->')[1]?.split('<!-- layers:end -->')[0] ?? '';
    const rows = table
      .split('\n')
      .filter((line) => /^\|\s*`/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    const documented = Object.fromEntries(
      rows.map((cells) => [
        (cells[1] ?? '').replace(/`/g, ''),
        [...(cells[3] ?? '').matchAll(/`([a-z]+)`/g)].map((m) => m[1]),
      ]),
    );
    expect(documented).toEqual(ALLOWED);
  });
});

describe('cli/', () => {
  const CLI = resolve(__dirname, '../../cli');
  it('shipped CLI code imports from src/ and cli/, never from test/', () => {
    const files = sourceFiles(CLI);
    expect(files.length).toBeGreaterThan(20);
    const intoTest = files.flatMap((f) =>
      importsOf(f, readFileSync(join(CLI, f), 'utf8'))
        .filter((spec) => spec.startsWith('.') && relative(ROOT, join(CLI, dirname(f), spec)).startsWith('test/'))
        .map((spec) => `cli/${f}: "${spec}"`),
    );
    expect(intoTest).toEqual([]);
  });
});

describe('the layer check itself', () => {
  const fake = (files: Record<string, string>): ModuleNode[] =>
    resolveImports(new Map(Object.entries(files).map(([f, text]) => [f, importsOf(f, text)])));

  it('sees static, type-only, dynamic, re-exported and import-type imports', () => {
    const text = `import a from './a'; import type { B } from './b'; export * from './c';
      const d = () => import('./d'); type E = import('./e').E; import './f';
      // import x from './commented-out';
      const g = import(new URL('edgeseg.x.mjs', base).href);`;
    expect(importsOf('x.ts', text)).toEqual(['./a', './b', './c', './d', './e', './f']);
  });

  it('flags an import against the pipeline, an unlisted folder, a package in the wrong place and a chunk entry', () => {
    const nodes = fake({
      'types/a.ts': `import type { X } from '../lib/x';`,
      'lib/x.ts': `import * as z from 'zod/mini';`,
      'score/s.ts': `import { d } from '../decide/d';`,
      'decide/d.ts': `export const d = 1;`,
      'widgets/w.ts': `export const w = 1;`,
      'client.ts': `import engine from './chunks/engine'; import type { E } from './chunks/engine-contract';`,
      'chunks/engine.ts': `export default 1;`,
      'chunks/engine-contract.ts': `export type E = 1;`,
      'index.ts': `import engine from './chunks/engine';`,
    });
    expect(layerViolations(nodes)).toEqual([
      'types/a.ts: types may not import lib ("../lib/x")',
      'lib/x.ts: imports package "zod/mini" (only config, bundle)',
      'score/s.ts: score may not import decide ("../decide/d")',
      'widgets/w.ts: folder "widgets" is not in the layer table',
      'client.ts: imports the lazy chunk entry chunks/engine.ts',
    ]);
  });

  it('finds cycles, type-only ones too', () => {
    const nodes = fake({
      'types/a.ts': `import type { B } from './b';`,
      'types/b.ts': `import type { A } from './a';`,
      'types/c.ts': `import type { A } from './a';`,
      'lib/self.ts': `import { x } from './self';`,
    });
    expect(importCycles(nodes)).toEqual([['lib/self.ts'], ['types/a.ts', 'types/b.ts']]);
  });
});
