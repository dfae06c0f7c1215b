import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/helpers/run-cli';

const run = runCli;

describe('edgeseg --version', () => {
  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const r = await run('--version');
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([`edgeseg ${version}`]);
    expect((await run('--help')).out).toContain('--version');
  });
});

describe('edgeseg replay table', () => {
  it('starts with a header row whose columns line up with the rows', async () => {
    const r = await run(
      'replay',
      '--events',
      'test/fixtures/replay/two-visitors.ndjson',
      '--bundle',
      'test/fixtures/bundles/pages.json',
    );
    expect(r.code).toBe(0);
    const [header, first] = r.lines;
    expect(header).toMatch(/^visitor\s+time\s+event\s+segment\s+confidence$/);
    for (const column of ['time', 'event', 'segment']) expect(first?.[header!.indexOf(column)], column).toMatch(/\S/);
    expect(first?.slice(header!.indexOf('time'))).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(first?.slice(header!.indexOf('segment'))).toMatch(/^visitor\s/);
  });
});
