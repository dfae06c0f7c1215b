import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffCase, runCase, type SpecCase } from './run-case';

/** The outcome of one spec case file. */
export interface CaseOutcome {
  file: string;
  description: string;
  problems: string[];
}

/**
 * Runs the shared spec cases (`test/cases/*.json`) with the very runner the Node and
 * browser tests use (`run-case.ts` beside this file), so `edgeseg replay
 * --cases` is the same golden test outside vitest. Bundles are looked up in `bundleDir`.
 */
export function runCaseFiles(dir: string, bundleDir: string): CaseOutcome[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`${dir}: no *.json spec cases`);
  return files.map((file) => {
    let spec: SpecCase;
    try {
      spec = JSON.parse(readFileSync(join(dir, file), 'utf8')) as SpecCase;
    } catch (error) {
      return { file, description: '', problems: [`cannot read: ${(error as Error).message}`] };
    }
    try {
      const bundleText = readFileSync(join(bundleDir, spec.bundle), 'utf8');
      return { file, description: spec.description, problems: diffCase(spec, runCase(spec, bundleText)) };
    } catch (error) {
      return { file, description: spec.description ?? '', problems: [(error as Error).message] };
    }
  });
}
