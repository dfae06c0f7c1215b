// The script tag's chunks are one rollup build (rollup.config.mjs): code that several
// chunks use ships once, in edgeseg.shared.mjs, and the core carries no validator at all.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../dist/', import.meta.url);
const scriptTag = readdirSync(dist).filter((f) => /^edgeseg\.[a-z]+\.(mjs|js)$/.test(f));
/** A message zod/mini carries in its code: where it appears, zod is bundled. */
const ZOD = 'Invalid input';

describe('the script-tag build (run `npm run build` first)', () => {
  it('has the core, the shared chunk and one file per src/chunks entry', () => {
    const entries = readdirSync(new URL('../../src/chunks/', import.meta.url))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('-contract.ts'))
      .map((f) => `edgeseg.${f.slice(0, -3)}.mjs`);
    expect(scriptTag.sort()).toEqual(['edgeseg.iife.js', 'edgeseg.shared.mjs', ...entries].sort());
  });

  it('bundles zod once, in the shared chunk, and never in the core', () => {
    const withZod = scriptTag.filter((f) => readFileSync(new URL(f, dist), 'utf8').includes(ZOD));
    expect(withZod).toEqual(['edgeseg.shared.mjs']);
  });

  it('chunks import only files beside them', () => {
    for (const f of scriptTag.filter((name) => name.endsWith('.mjs'))) {
      const code = readFileSync(new URL(f, dist), 'utf8');
      const specifiers = [...code.matchAll(/\bfrom\s*"([^"]+)"|\bimport\s*"([^"]+)"/g)].map((m) => m[1] ?? m[2]);
      for (const spec of specifiers) expect(spec, f).toMatch(/^\.\/edgeseg\.[a-z]+\.mjs$/);
    }
  });
});
