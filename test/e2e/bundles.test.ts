import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { keyPair, signBundle } from '../helpers/sign';
import type { PageErrors } from './browser';
import type { Route, TestServer } from './server';
import { useSession, recordViolations } from './session';

type Assignment = {
  id: string | null;
  source: string;
  rule?: string;
  propensities?: Record<string, number>;
  explanation: string;
};
type Es = {
  ready: Promise<void>;
  segment(): Promise<Assignment>;
  on(e: string, cb: (x: unknown) => void): () => void;
  exportData(): Promise<unknown>;
};
declare const edgeseg: Es;
declare global {
  interface Window {
    __violations: string[];
    __errors: string[];
  }
}

const tfjsBundle = JSON.parse(readFileSync(new URL('../fixtures/bundles/tfjs.json', import.meta.url), 'utf8'));
const pagesBundle = JSON.parse(readFileSync(new URL('../fixtures/bundles/pages.json', import.meta.url), 'utf8'));
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: PageErrors;

const session = useSession(recordViolations);
beforeEach(() => void ({ server, browser, context, errors, page } = session));

/** A product page with no inline script at all: config from data-* attributes only. */
function strictPage(bundleUrl: string, extraAttributes = ''): Route {
  return {
    headers: { 'content-security-policy': STRICT_CSP },
    body: `<!doctype html><html><head><meta charset="utf-8"><meta name="edgeseg:page-type" content="product">
<script async src="/edgeseg.iife.js" data-bundle="${bundleUrl}" data-consent-mode="opt-out" data-storage="memory" ${extraAttributes}></script></head>
<body><div id="hero" data-edgeseg-slot="hero"><p>Welcome</p><template data-edgeseg-variant="ready-to-buy"><p>Checkout now</p></template></div></body></html>`,
  };
}

async function loaded(): Promise<Assignment> {
  await page.waitForFunction(
    () =>
      typeof (window as unknown as { edgeseg?: unknown }).edgeseg === 'object' &&
      !Array.isArray((window as unknown as { edgeseg: unknown }).edgeseg),
  );
  await page.evaluate(() => edgeseg.ready);
  return page.evaluate(() => edgeseg.segment());
}

describe('tfjs propensities in Chromium under a strict CSP', () => {
  it('runs the network from inline weights, feeds a rule, and files zero CSP violations', async () => {
    server.route('/strict.html', strictPage('/bundles/tfjs.json'));
    await page.goto(`${server.url}/strict.html`);
    const a = await loaded();
    // One product page: relu(1) = 1, sigmoid(4 · 1 − 1) = 0.9526.
    expect(a.propensities?.['purchase']).toBeCloseTo(1 / (1 + Math.exp(-3)), 4);
    expect(a.propensities?.['read_more']).toBeCloseTo(1 / (1 + Math.exp(1)), 4);
    expect(a).toMatchObject({ id: 'ready-to-buy', source: 'rule', rule: 'ready-to-buy' });
    expect(await page.locator('#hero p').first().textContent()).toBe('Checkout now');
    expect(server.requests.map((r) => r.path)).toContain('/edgeseg.tfjs.mjs');
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
    expect(errors.list).toEqual([]);
  });

  it('loads binary weights from weightsUrl, checks their SHA-256, and refuses a swapped file', async () => {
    const [l1, l2] = tfjsBundle.tfjs.layers;
    const floats = new Float32Array([...l1.weights.flat(), ...l1.bias, ...l2.weights.flat(), ...l2.bias]);
    const bin = Buffer.from(floats.buffer);
    const sha = createHash('sha256').update(bin).digest('base64url');
    const layers = tfjsBundle.tfjs.layers.map((l: { units: number; activation: string }) => ({
      units: l.units,
      activation: l.activation,
    }));
    const bundle = { ...tfjsBundle, tfjs: { ...tfjsBundle.tfjs, layers, weightsUrl: 'net.bin', weightsSha256: sha } };
    server.route('/remote/bundle.json', { type: 'application/json', body: JSON.stringify(bundle) });
    server.route('/remote/net.bin', { type: 'application/octet-stream', body: bin });
    server.route('/strict.html', strictPage('/remote/bundle.json'));
    await page.goto(`${server.url}/strict.html`);
    expect((await loaded()).propensities?.['purchase']).toBeCloseTo(1 / (1 + Math.exp(-3)), 4);
    expect(server.requests.map((r) => r.path)).toContain('/remote/net.bin');

    const swapped = Buffer.from(new Float32Array(floats.length).fill(0.5).buffer);
    server.route('/remote/net.bin', { type: 'application/octet-stream', body: swapped });
    await page.evaluate(() => (window.__errors = []));
    await page.reload();
    const a = await loaded();
    expect(a.propensities).toEqual({});
    expect(a.source).toBe('model');
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
  });

  it('never fetches the tfjs chunk for a bundle without a network', async () => {
    server.route('/strict.html', strictPage('/bundles/pages.json'));
    await page.goto(`${server.url}/strict.html`);
    expect((await loaded()).propensities).toBeUndefined();
    expect(server.requests.map((r) => r.path)).not.toContain('/edgeseg.tfjs.mjs');
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
  });
});

describe('signed bundles, last known good and rollback in Chromium', () => {
  /** A page configured through window.edgesegConfig (pinned keys), consent granted up front. */
  function configuredPage(config: object): Route {
    const json = JSON.stringify({ bundle: '/signed.json', consent: { mode: 'opt-out' }, bundleMaxAge: 0, ...config });
    return {
      body: `<!doctype html><html><head><meta charset="utf-8"><meta name="edgeseg:page-type" content="product">
<script>window.edgesegConfig = ${json}; window.__errors = []; (window.edgeseg = window.edgeseg || []).push(['on', ['error', function (e) { window.__errors.push(e.code); }]]);</script>
<script async src="/edgeseg.iife.js"></script></head><body></body></html>`,
    };
  }

  it('uses a signed bundle, refuses a tampered one with bundle_signature_invalid and keeps the cached last known good', async () => {
    const { pair, jwk } = await keyPair();
    const v1 = await signBundle({ ...pagesBundle, version: 5 }, pair.privateKey);
    server.route('/signed.json', { type: 'application/json', body: JSON.stringify(v1), headers: { etag: '"v5"' } });
    server.route('/page.html', configuredPage({ publicKeys: [jwk] }));
    await page.goto(`${server.url}/page.html`);
    expect((await loaded()).id).toBe('visitor');
    expect(await page.evaluate(() => window.__errors)).toEqual([]);

    // Tampered: a centroid moved and the version bumped, the signature left as it was.
    const tampered = structuredClone(v1) as typeof v1 & { model: { centroids: number[][] }; version: number };
    tampered.model.centroids[1] = [1, 0];
    tampered.version = 6;
    server.route('/signed.json', { type: 'application/json', body: JSON.stringify(tampered) });
    await page.reload();
    await loaded();
    await page.waitForFunction(() => window.__errors.length > 0);
    expect(await page.evaluate(() => window.__errors)).toEqual(['bundle_signature_invalid']);
    // Two product pages now: 1 from the real shopper centroid (3, 0); the tampered one is not used.
    expect(
      await page.evaluate(() =>
        edgeseg.segment().then((s) => (s as unknown as { distances: Record<string, number> }).distances['shopper']),
      ),
    ).toBeCloseTo(1);
    expect(
      await page.evaluate(() =>
        edgeseg.segment().then((s) => (s as unknown as { bundleVersion: number }).bundleVersion),
      ),
    ).toBe(5);

    // An older, validly signed version: refused as a rollback. The revalidation sends no ETag:
    // a server-chosen string kept on the device and echoed back would identify the visitor.
    const v0 = await signBundle({ ...pagesBundle, version: 4 }, pair.privateKey);
    let ifNoneMatch: string | undefined;
    server.route('/signed.json', (req) => {
      ifNoneMatch = req.headers['if-none-match'];
      return { type: 'application/json', body: JSON.stringify(v0) };
    });
    await page.reload();
    await loaded();
    await page.waitForFunction(() => window.__errors.length > 0);
    expect(await page.evaluate(() => window.__errors)).toEqual(['bundle_rollback']);
    expect(ifNoneMatch).toBeUndefined();
    expect(await page.evaluate(() => edgeseg.exportData().then((d) => JSON.stringify(d).includes('"v5"')))).toBe(false);
    expect(errors.list).toEqual([]);
  });
});

describe('each bad bundle is refused with its own code in Chromium, default content kept', () => {
  const good = JSON.stringify(pagesBundle);
  const cases: [string, string, string][] = [
    [
      'k = 0',
      'bundle_empty',
      JSON.stringify({ ...pagesBundle, model: { type: 'centroids', centroids: [] }, segments: [] }),
    ],
    [
      'a dimension mismatch',
      'bundle_dimension_mismatch',
      JSON.stringify({
        ...pagesBundle,
        model: {
          type: 'centroids',
          centroids: [
            [0, 0],
            [3, 0],
            [0, 3, 1],
          ],
        },
      }),
    ],
    ['Infinity (1e999)', 'bundle_not_finite', good.replace('"mean":0', '"mean":1e999')],
    ['10 MB', 'bundle_too_large', JSON.stringify({ ...pagesBundle, padding: 'x'.repeat(10 * 1024 * 1024) })],
    ['truncated JSON', 'bundle_invalid_json', good.slice(0, good.length / 2)],
    ['an HTML error page', 'bundle_html', '<!doctype html><title>502 Bad Gateway</title><h1>502</h1>'],
    ['edgeseg-bundle/2', 'bundle_unsupported_format', JSON.stringify({ ...pagesBundle, format: 'edgeseg-bundle/2' })],
  ];
  it.each(cases)('%s → %s', async (_, code, body) => {
    server.route('/bad.json', { type: 'application/json', body });
    server.route('/page.html', {
      body: `<!doctype html><html><head><meta charset="utf-8">
<script>window.__errors = []; (window.edgeseg = window.edgeseg || []).push(['on', ['error', function (e) { window.__errors.push(e.code); }]]);</script>
<script async src="/edgeseg.iife.js" data-bundle="/bad.json" data-consent-mode="opt-out"></script></head>
<body><div id="hero" data-edgeseg-slot="hero"><p>Welcome</p><template data-edgeseg-variant="visitor"><p>Hello visitor</p></template></div></body></html>`,
    });
    await page.goto(`${server.url}/page.html`);
    const a = await loaded();
    expect(await page.evaluate(() => window.__errors)).toEqual([code]);
    expect(a.id).toBeNull();
    expect(await page.locator('#hero p').first().textContent()).toBe('Welcome');
    expect(errors.list).toEqual([]);
  });
});
