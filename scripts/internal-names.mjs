// Property names private to the client's collaborators (src/client/): members of the
// interfaces and option objects declared there that no other source file and no DOM
// type uses. Terser mangles them like `_`-prefixed members: they never cross into a
// lazily loaded chunk (built separately), the public API or stored data, because a
// name that did would appear outside src/client/ (chunk contracts, types, public API).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const read = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.test-d.ts'))
    .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));

const stripComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** The names; `root` is the repository. */
export function internalNames(root = '.') {
  const client = read(join(root, 'src/client'));
  const others = read(join(root, 'src')).filter((f) => !f.path.startsWith(join(root, 'src/client')));
  // Comments do not count (a word in prose is no property); strings do (`obj['name']`).
  const outside = others.map((f) => stripComments(f.text)).join('\n');
  const require = createRequire(resolve(root, 'package.json'));
  const dom = readFileSync(require.resolve('typescript/lib/lib.dom.d.ts'), 'utf8');
  const es = readFileSync(require.resolve('typescript/lib/lib.es5.d.ts'), 'utf8');
  const names = new Set();
  for (const { text } of client) for (const m of text.matchAll(/^\s+(\w+)\??[(:]/gm)) names.add(m[1]);
  const used = (name, text) => new RegExp(`\\b${name}\\b`).test(text);
  return [...names].filter((n) => !used(n, outside) && !used(n, dom) && !used(n, es)).sort();
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(internalNames().join('\n'));
