import { describe, expect, it } from 'vitest';
import readme from '../../README.md?raw';
import stub from '../../src/stub.js?raw';
import quickStart from '../types/readme.test-d.ts?raw';
import pkg from '../../package.json';
import labels from '../../demo/segments/labels.json';
import * as engine from '../../src/internals';
import api from '../../docs/api.md?raw';

/** The README's fenced code blocks, by language, in order. */
const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] as string }));

// Every code block of the README is checked here, type-checked (test/types/readme.test-d.ts)
// or run in Chromium (test/e2e/demo.test.ts, "the README's HTML").
describe('README', () => {
  it('has exactly the blocks this test knows: sh, html, ts', () => {
    expect(blocks.map((b) => b.lang)).toEqual(['sh', 'html', 'ts']);
  });

  it('gives the two set-up commands, and both are scripts of package.json', () => {
    const sh = blocks[0]?.code ?? '';
    expect(sh).toContain('npm ci && npm run demo');
    expect(sh).toContain('npm test');
    const scripts = pkg.scripts as Record<string, string>;
    for (const [, name] of sh.matchAll(/npm run (\S+)/g)) expect(scripts[name as string]).toBeDefined();
  });

  it('documents the exact queue stub the browser tests use, and variants of the demo bundle', () => {
    const html = blocks[1]?.code ?? '';
    expect(html).toContain(`<script>${stub.trim()}</script>`);
    expect(readme).toContain(`<script>${stub.trim()}</script>`);
    const ids = Object.values(labels).map((l) => l.id);
    for (const [, id] of html.matchAll(/data-edgeseg-variant="([^"]+)"/g)) expect(ids).toContain(id);
  });

  it('shows the npm code that test/types/readme.test-d.ts type-checks', () => {
    const typed = (quickStart.split('// readme:start\n')[1]?.split('  // readme:end')[0] ?? '')
      .split('\n')
      .map((line) => line.replace(/^ {2}/, ''))
      .join('\n')
      .trim();
    expect(typed.length).toBeGreaterThan(50);
    const ts = blocks[2]?.code ?? '';
    expect(ts).toBe(`import { createClient } from 'edgeseg';\n${typed}\n`);
  });

  it('fits on one screen and links to every reference page in docs/', async () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(60);
    const { readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const docs = readdirSync(join(__dirname, '../../docs')).filter((f) => f.endsWith('.md'));
    for (const doc of docs) expect(readme).toContain(`(docs/${doc})`);
    expect(readme).toContain('](docs/demo.png)');
  });

  it('docs/api.md imports from `edgeseg/engine` only what that export path (src/internals.ts) exports', () => {
    const imports = [...api.matchAll(/import \{([^}]+)\} from 'edgeseg\/engine'/g)];
    expect(imports.length).toBeGreaterThan(0);
    for (const [, names] of imports) {
      for (const name of names!.split(',').map((n) => n.trim())) expect(engine, name).toHaveProperty(name);
    }
    expect(pkg.exports['./engine']).toEqual({ types: './dist/internals.d.ts', import: './dist/internals.mjs' });
  });
});
