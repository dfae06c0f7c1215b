import { describe, expect, it } from 'vitest';
import readme from '../../README.md?raw';
import stub from '../../src/stub.js?raw';
import pkg from '../../package.json';
import * as engine from '../../src/internals';

// The e2e pages embed src/stub.js; this keeps the README's snippet the same code.
describe('README', () => {
  it('documents the exact queue stub the browser tests use', () => {
    expect(readme).toContain(`<script>${stub.trim()}</script>`);
  });
  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
  });
  it('imports from `edgeseg/engine` only what that export path (src/internals.ts) exports', () => {
    const imports = [...readme.matchAll(/import \{([^}]+)\} from 'edgeseg\/engine'/g)];
    expect(imports.length).toBeGreaterThan(0);
    for (const [, names] of imports) {
      for (const name of names!.split(',').map((n) => n.trim())) expect(engine, name).toHaveProperty(name);
    }
    expect(pkg.exports['./engine']).toEqual({ types: './dist/internals.d.ts', import: './dist/internals.mjs' });
  });
});
