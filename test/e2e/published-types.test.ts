// The published declarations (`dist/edgeseg.d.ts`, built by rollup-plugin-dts from
// src/index.ts): what an npm user's editor reads. They must stand alone: no import of a
// package the user may not have (zod is bundled into our JavaScript, never a peer), and
// the config types are the hand-written, documented ones from src/types/config.ts.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const file = new URL('../../dist/edgeseg.d.ts', import.meta.url);

describe('dist/edgeseg.d.ts', () => {
  // Built by `npm run build` (npm test builds first): missing means the build is broken, not "skip".
  const dts = existsSync(file) ? readFileSync(file, 'utf8') : '';

  it('exists (run `npm run build` first)', () => {
    expect(dts.length).toBeGreaterThan(0);
  });

  it('never mentions zod, and imports nothing', () => {
    expect(dts.match(/.*zod.*/gi) ?? []).toEqual([]);
    expect(dts.match(/^\s*import\b.*$/gm) ?? []).toEqual([]);
  });

  it('declares the config types written by hand, with their documentation', () => {
    expect(dts).toMatch(/interface EdgesegConfigInput \{/);
    expect(dts).toMatch(/interface EdgesegConfig \{/);
    expect(dts).toContain('URL of the segment bundle (`edgeseg-bundle/1` JSON).');
  });
});

describe('edgeseg/react and edgeseg/vue as published', () => {
  const read = (name: string): string => {
    const path = new URL(`../../dist/${name}`, import.meta.url);
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  };

  it.each([
    ['react', ['EdgesegProvider', 'usePersonalize', 'useSegment', 'useConsent', 'useEdgeseg']],
    ['vue', ['createEdgeseg', 'usePersonalize', 'useSegment', 'useConsent', 'useEdgeseg', 'edgesegKey']],
  ])(
    '%s: its JavaScript and types import only edgeseg (the package, one client module) and the framework',
    (name, names) => {
      for (const file of [`${name}.mjs`, `${name}.d.ts`]) {
        const text = read(file);
        expect(text.length).toBeGreaterThan(0);
        const sources = [...text.matchAll(/^\s*import\b[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
        expect(new Set(sources)).toEqual(new Set(['edgeseg', name]));
        for (const exported of names) expect(text).toMatch(new RegExp(`\\b${exported}\\b`));
      }
    },
  );

  it('resolve through the package exports', () => {
    expect(import.meta.resolve('edgeseg/react')).toMatch(/\/dist\/react\.mjs$/);
    expect(import.meta.resolve('edgeseg/vue')).toMatch(/\/dist\/vue\.mjs$/);
  });
});
