// @vitest-environment node
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pageViewReport } from '../../test/helpers/report';
import { dailyFile, startCollector, type Collector } from './server';

const T = Date.UTC(2026, 11, 2, 4, 30);
const report = pageViewReport;
const batch = (...events: object[]) =>
  JSON.stringify({ format: 'edgeseg-events/1', sentAt: new Date(T).toISOString(), events });

let collector: Collector | null = null;
let dir = '';
afterEach(async () => {
  await collector?.close();
  collector = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function start(
  origins: string[] = [],
): Promise<(body: string, headers?: Record<string, string>) => Promise<Response>> {
  dir = mkdtempSync(join(tmpdir(), 'edgeseg-collect-'));
  collector = await startCollector({ port: 0, out: dir, origins, now: () => T, maxBody: 4096 });
  const url = `http://127.0.0.1:${collector.port}/`;
  return (body, headers = {}) =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers } });
}
const lines = (): { id: string; receivedAt: string }[] =>
  readFileSync(join(dir, dailyFile(T)), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; receivedAt: string });

describe('edgeseg collect', () => {
  it('appends valid reports to the daily NDJSON file and skips ids it already has', async () => {
    const post = await start();
    const first = await post(batch(report('report-0001'), report('report-0002', { distanceBand: 3 })));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0 });
    const again = await post(batch(report('report-0002'), report('report-0003'), report('report-0003')));
    expect(await again.json()).toEqual({ accepted: 1, duplicates: 2 });
    expect(lines().map((l) => l.id)).toEqual(['report-0001', 'report-0002', 'report-0003']);
    expect(lines()[0]?.receivedAt).toBe(new Date(T).toISOString());
    expect(lines()[1]).toMatchObject({ distanceBand: 3 });
    expect(readdirSync(dir)).toEqual(['events-2026-12-02.ndjson']);
  });

  it('rejects malformed, oversized, wrong-version and invalid batches with 4xx and keeps earlier data intact', async () => {
    const post = await start();
    expect((await post(batch(report('report-0001')))).status).toBe(200);
    const before = readFileSync(join(dir, dailyFile(T)), 'utf8');
    const malformed = await post('{"format": "edgeseg-events/1", "events": [');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'the body is not JSON' });
    const oversized = await post(batch(...Array.from({ length: 40 }, (_, i) => report(`report-big-${i}`))));
    expect(oversized.status).toBe(413);
    const wrongVersion = await post(batch(report('report-0009')).replace('edgeseg-events/1', 'edgeseg-events/2'));
    expect(wrongVersion.status).toBe(422);
    expect(((await wrongVersion.json()) as { error: string }).error).toMatch(/unsupported format "edgeseg-events\/2"/);
    const invalid = await post(batch(report('report-0010', { userId: 'u-1' })));
    expect(invalid.status).toBe(422);
    const empty = await post(batch());
    expect(empty.status).toBe(422);
    // A distance band is 0-3, a whole number: anything else would not be a band.
    for (const distanceBand of [4, 1.5, -1, '1'])
      expect((await post(batch(report('report-0012', { distanceBand })))).status, String(distanceBand)).toBe(422);
    const html = await post(batch(report('report-0011')), { 'content-type': 'text/html' });
    expect(html.status).toBe(415);
    expect(readFileSync(join(dir, dailyFile(T)), 'utf8')).toBe(before);
  });

  it('answers CORS for the configured origin and refuses others', async () => {
    const post = await start(['https://shop.example']);
    const ok = await post(batch(report('report-0001')), { origin: 'https://shop.example' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const other = await post(batch(report('report-0002')), { origin: 'https://evil.example' });
    expect(other.status).toBe(403);
    expect(lines().map((l) => l.id)).toEqual(['report-0001']);
  });

  it('reads the ids on disk at start: a report resent after a restart is not written twice', async () => {
    const post = await start();
    await post(batch(report('report-0001')));
    await collector?.close();
    // A torn last line (a crash mid-write) is ignored, not fatal.
    writeFileSync(join(dir, dailyFile(T)), readFileSync(join(dir, dailyFile(T)), 'utf8') + '{"id":"tor');
    collector = await startCollector({ port: 0, out: dir, now: () => T });
    const res = await fetch(`http://127.0.0.1:${collector.port}/`, {
      method: 'POST',
      body: batch(report('report-0001')),
      headers: { 'content-type': 'text/plain' },
    });
    expect(await res.json()).toEqual({ accepted: 0, duplicates: 1 });
  });
});
