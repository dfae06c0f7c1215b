import { describe, expect, it } from 'vitest';
import { diffCase, runCase, type SpecCase } from '../../cli/replay/run-case';

const cases = import.meta.glob<SpecCase>('../cases/*.json', { eager: true, import: 'default' });
const bundles = import.meta.glob<string>('../fixtures/bundles/*.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});

describe('spec cases (Node)', () => {
  it.each(Object.entries(cases))('%s', (_, spec) => {
    const text = bundles[`../fixtures/bundles/${spec.bundle}`];
    expect(text).toBeDefined();
    expect(diffCase(spec, runCase(spec, text as string))).toEqual([]);
  });
});
