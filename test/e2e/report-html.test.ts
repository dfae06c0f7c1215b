import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, startDashboard } from '../../cli/main';
import { dataFile } from '../../scripts/data-files.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium';

let dir = '';
let browser: Browser;
/** The demo's training input and spec, and a bundle trained on them (with distance quantiles). */
const TRAINING = dataFile('online_shoppers_intention.csv');
const SPEC = new URL('../../demo/segments/uci.spec.json', import.meta.url).pathname;
let trained = '';

/** Readers sit far from their centroid (half beyond the training p90), shoppers as in training. */
const band = (segment: string, k: number): number =>
  segment === 'reader' ? (k < 10 ? 0 : k < 20 ? 1 : k < 32 ? 2 : 3) : k < 20 ? 0 : k < 36 ? 1 : k < 39 ? 2 : 3;

function reports(): string {
  const lines: string[] = [];
  let i = 0;
  for (const day of ['2026-12-01', '2026-12-02', '2026-12-03']) {
    for (const segment of ['shopper', 'reader']) {
      for (const arm of ['control', 'personalized']) {
        for (let k = 0; k < 40; k++) {
          lines.push(
            JSON.stringify({
              id: `h${String(i++).padStart(8, '0')}`,
              type: 'page_view',
              hour: `${day}T10`,
              device: 'desktop',
              bundleVersion: 1,
              segment,
              arms: [{ experiment: 'offer', arm, exposed: true }],
              goals: [{ goal: 'purchase', converted: k < (arm === 'control' ? 4 : 8), count: 1, value: 20 }],
              distanceBand: band(segment, k),
              ...(k % 4 === 0 ? { vitals: { lcp: 900 + k * 10, cls: k / 400, inp: 50 + k } } : {}),
            }),
          );
        }
      }
    }
  }
  // A tag-like string in the data must stay data.
  lines.push(
    JSON.stringify({
      id: 'h-evil-000',
      type: 'page_view',
      hour: '2026-12-03T11',
      device: 'desktop',
      bundleVersion: 1,
      segment: '</script><img src=x onerror=alert(1)>',
      arms: [{ experiment: 'offer', arm: 'control', exposed: true }],
      goals: [],
    }),
  );
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'edgeseg-html-'));
  writeFileSync(join(dir, 'events-2026-12-03.ndjson'), reports());
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  trained = join(dir, 'bundle.json');
  const code = await main(
    ['train', '--input', TRAINING, '--spec', SPEC, '--k', '4', '--seed', '7', '--out', trained],
    () => {},
  );
  expect(code).toBe(0);
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Each panel's canvas has pixels of many colours (axes, series), and its screenshot is not empty. */
async function expectDrawn(page: Page, panels: string[]): Promise<void> {
  for (const panel of panels) {
    const section = page.locator(`section[data-panel="${panel}"]`);
    // Drawn: the panel's canvas has pixels of more than one colour (axes, series), not a blank box.
    const colours = await section
      .locator('canvas')
      .first()
      .evaluate((c: HTMLCanvasElement) => {
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        const seen = new Set<number>();
        for (let i = 0; i < data.length && seen.size < 50; i += 16)
          seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        return seen.size;
      });
    expect(colours, panel).toBeGreaterThan(5);
    const shot = await section.screenshot();
    expect(shot.length, panel).toBeGreaterThan(5000);
  }
}

describe('edgeseg report --html in Chromium', () => {
  it('draws every panel under a strict CSP (no inline allowance, no eval), with the data kept as data', async () => {
    const html = join(dir, 'report.html');
    expect(await main(['report', dir, '--html', html, '--out', join(dir, 'report.txt')], () => {})).toBe(0);
    const text = readFileSync(html, 'utf8');
    // Self-contained: no external script, style sheet or frame.
    expect(text).not.toMatch(/<(script|link|iframe)[^>]+(src|href)=/);
    expect(text).toMatch(/script-src 'sha256-[^']+' 'sha256-[^']+'; style-src 'sha256-/);
    expect(text).not.toMatch(/unsafe-(inline|eval)/);

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const violations: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        ((window as unknown as { violations: string[] }).violations ??= []).push(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      ),
    );
    await page.goto(pathToFileURL(html).href);
    await page.waitForFunction(() => document.querySelectorAll('section[data-panel] canvas').length >= 5);
    violations.push(
      ...((await page.evaluate(() => (window as unknown as { violations?: string[] }).violations)) ?? []),
    );
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);

    await expectDrawn(page, ['segments', 'uplift', 'guardrails', 'drift', 'srm']);
    expect(await page.locator('[data-panel="srm"] li').first().textContent()).toMatch(/^offer: chi2 /);
    // Readers drifted: the retrain signal is on the page, in words.
    const verdict = page.locator('[data-panel="drift"] p.verdict');
    expect(await verdict.textContent()).toMatch(/^Retrain recommended: .*\(all segments, reader\)\.$/);
    expect(await verdict.getAttribute('class')).toBe('verdict retrain');
    expect(await page.locator('[data-panel="map"]').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    await page.close();
  });

  it('edgeseg dashboard serves the page live over the collector folder, with the bundle centroid heatmap and the training map', async () => {
    const server = await startDashboard({
      port: 0,
      dir,
      bundle: trained,
      training: { input: TRAINING, spec: SPEC, sample: 1500 },
    });
    try {
      const url = `http://127.0.0.1:${server.port}/`;
      const before = await (await fetch(`${url}report.json`)).json();
      writeFileSync(
        join(dir, 'events-2026-12-04.ndjson'),
        JSON.stringify({
          id: 'live-000001',
          type: 'page_view',
          hour: '2026-12-04T09',
          device: 'mobile',
          bundleVersion: 1,
          segment: 'shopper',
          arms: [{ experiment: 'offer', arm: 'personalized', exposed: true }],
          goals: [],
        }) + '\n',
      );
      const after = await (await fetch(`${url}report.json`)).json();
      expect(after.input.reports).toBe(before.input.reports + 1);
      expect(after.days.at(-1)).toEqual({ day: '2026-12-04', segment: 'shopper', views: 1 });

      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(url);
      await page.waitForFunction(() => document.querySelectorAll('section[data-panel] canvas').length >= 7);
      await expectDrawn(page, ['segments', 'uplift', 'guardrails', 'centroids', 'map', 'drift', 'srm']);
      // The map's legend: the bundle's segment labels; its data: the sample and one centroid per segment.
      const bundle = JSON.parse(readFileSync(trained, 'utf8')) as { segments: { label: string }[] };
      const map = await page.evaluate(() => {
        const data = JSON.parse(document.getElementById('report-data')!.textContent!);
        return { segments: data.map.segments, points: data.map.points.length, centres: data.map.centres.length };
      });
      expect(map).toEqual({ segments: bundle.segments.map((s) => s.label), points: 1500, centres: 4 });
      expect(errors).toEqual([]);
      await page.close();
      expect((await fetch(`${url}nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
