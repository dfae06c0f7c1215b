// The demo's traffic simulator: real Chromium visitors browse the running shop, each
// playing a real UCI session of a segment of the demo bundle (demo/simulate-plan.mjs), with
// the demo's accelerated time (demo/ui/clock.js), and buy at that segment's purchase rate.
// `npm run demo` starts it in the background; on its own:
//   node demo/simulate.mjs --url http://127.0.0.1:8080 [--visitors 200] [--seed 1] [--parallel 2] [--lift 0.3] [--max-pages 10]
//   node demo/simulate.mjs --plan [--visitors 12] [--seed 1]    (prints the plan, no browser)
// A demo script rather than an `edgeseg` command: it drives this shop's pages and banner.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assign, prepareBundle, transformFeature } from '../dist/internals.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { dataFile } from '../scripts/data-files.mjs';
import { planVisitors, readShoppers } from './simulate-plan.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The plan for `visitors` visitors from `seed`, against the demo bundle (by default the one
 * `npm run demo` trained, demo/segments/bundle.json): segments assigned by the SDK's scorer.
 * @param {{ seed: number, visitors: number, bundle?: any, maxPages?: number }} options
 */
export function demoPlan({ seed, visitors, bundle, maxPages }) {
  const spec = JSON.parse(readFileSync(join(here, 'segments/uci.spec.json'), 'utf8'));
  const trained = bundle ?? JSON.parse(readFileSync(join(here, 'segments/bundle.json'), 'utf8'));
  const prepared = prepareBundle(trained);
  const segmentOf = (raw) =>
    assign(
      prepared,
      Float32Array.from(trained.features, (f, j) => transformFeature(f, raw[j])),
    ).id;
  const rows = readShoppers(dataFile('online_shoppers_intention.csv'));
  return planVisitors({ rows, spec, segmentOf, seed, visitors, maxPages });
}

/** Waits for the SDK on a page (its queue stub replaced, `ready` settled). */
async function ready(page) {
  await page.waitForFunction(() => !Array.isArray(window.edgeseg));
  await page.evaluate(() => window.edgeseg.ready);
}

/**
 * One visitor in a fresh browser context: lands on the home page, allows personalization
 * and measurement in the banner, plays the planned pages with accelerated time, lands on
 * the home page again (where the offer experiment shows), buys if the draw says so, and
 * leaves (the beacon sends the last page view's report on the way out).
 */
async function visit(context, url, visitor, lift) {
  // The SDK keeps its visitor key here; a fresh one per visitor, from the plan.
  await context.addInitScript((key) => {
    try {
      if (!localStorage.getItem('edgeseg:key')) localStorage.setItem('edgeseg:key', key);
    } catch {
      /* storage blocked: the SDK makes its own */
    }
  }, visitor.key);
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await ready(page);
  await page.locator('#consent-banner').waitFor({ state: 'visible' });
  await page.check('#measure');
  await page.click('#accept');
  await page.locator('#consent-banner').waitFor({ state: 'hidden' });
  for (const step of [...visitor.steps, { path: '/', seconds: 0 }]) {
    await page.goto(`${url}${step.path}`);
    await ready(page);
    await page.evaluate((ms) => window.demoClock.advance(ms), Math.round(step.seconds * 1000));
  }
  const { segment, arm } = await page.evaluate(async () => ({
    segment: (await window.edgeseg.segment()).id,
    arm: (await window.edgeseg.personalize('offer')).experiment?.arm ?? null,
  }));
  const p = visitor.purchaseRate * (arm === 'personalized' ? 1 + lift : 1);
  const converted = visitor.draw < p;
  if (converted)
    await page.evaluate((value) => {
      window.edgeseg.track('add_to_cart', { value });
      window.edgeseg.track('purchase', { value, currency: 'EUR' });
    }, visitor.value);
  // Leaving sends the last batch (sendBeacon on pagehide, handed to the browser as the
  // next page commits); the caller closes the context a little later.
  await page.goto('about:blank');
  return { index: visitor.index, planned: visitor.segment, segment, arm, converted };
}

/** How long a visitor's context stays open after leaving, so the browser can deliver the last beacon. */
const LINGER_MS = 3000;

/**
 * Plays `visitors` planned visitors against the shop at `url`, `parallel` at a time, and
 * writes the plan's outcome to `out`/simulation.json. Resolves with the outcomes.
 * @param {{ url: string, visitors?: number, seed?: number, parallel?: number, lift?: number,
 *   maxPages?: number, out?: string, log?: (line: string) => void }} options
 */
export async function simulate({
  url,
  visitors = 200,
  seed = 1,
  parallel = 2,
  lift = 0,
  maxPages = 10,
  out,
  log = console.log,
}) {
  if (!existsSync(CHROMIUM)) {
    log(`simulate: skipped, no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
    return null;
  }
  const { chromium } = await import('playwright');
  const bundle = await (await fetch(`${url}/segments/bundle.json`)).json();
  const plan = demoPlan({ seed, visitors, bundle, maxPages });
  log(
    `simulate: ${visitors} visitors (seed ${seed}, ${parallel} at a time) from the UCI sessions of ` +
      plan.segments
        .map((s) => `${s.id} ${(s.share * 100).toFixed(0)}% buying ${(s.purchaseRate * 100).toFixed(1)}%`)
        .join(', ') +
      (lift ? `; the personalized arm buys ×${1 + lift} (assumed)` : ''),
  );
  // Playwright's own signal handlers close the browser but leave the process running (its
  // servers keep it alive): stopping the demo closes the browser here, then exits as the
  // signal asks.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let closed = false;
  browser.on('disconnected', () => (closed = true));
  const stop = (signal) => {
    closed = true;
    browser.close().finally(() => process.kill(process.pid, signal));
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.once(signal, stop);
  const started = Date.now();
  const results = [];
  const closing = [];
  let next = 0;
  let interrupted = false;
  const worker = async () => {
    while (next < plan.visitors.length && !closed) {
      const visitor = plan.visitors[next++];
      const began = Date.now();
      let context = null;
      try {
        context = await browser.newContext();
        results.push({ ...(await visit(context, url, visitor, lift)), ms: Date.now() - began });
      } catch (error) {
        if (closed) break;
        // The first line: Playwright appends the browser's log to its messages.
        results.push({
          index: visitor.index,
          planned: visitor.segment,
          error: String(error?.message ?? error).split('\n')[0],
        });
      }
      // Closed in the background: the next visitor starts meanwhile.
      if (context)
        closing.push(
          new Promise((resolve) => setTimeout(resolve, LINGER_MS)).then(() => context.close().catch(() => {})),
        );
      if (results.length % 10 === 0 || results.length === visitors) {
        const minutes = (Date.now() - started) / 60_000;
        log(
          `simulate: ${results.length}/${visitors} visitors, ${results.filter((r) => r.converted).length} bought, ` +
            `${(results.length / minutes).toFixed(0)} visitors/min`,
        );
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
    await Promise.all(closing);
  } finally {
    for (const signal of signals) process.removeListener(signal, stop);
    // Closing it here disconnects it too: whether it was closed under us is known before.
    interrupted = closed;
    if (!closed) await browser.close();
  }
  if (interrupted) {
    log(`simulate: stopped after ${results.length} of ${visitors} visitors (the browser was closed)`);
    return null;
  }
  results.sort((a, b) => a.index - b.index);
  const seconds = (Date.now() - started) / 1000;
  const summary = { seed, visitors, parallel, lift, seconds, segments: plan.segments, results };
  if (out) {
    writeFileSync(join(out, 'simulation.json'), JSON.stringify(summary, null, 1));
    log(
      `simulate: done in ${seconds.toFixed(0)} s; reports in ${out}/events-*.ndjson, outcomes in ${out}/simulation.json`,
    );
  }
  const failed = results.filter((r) => r.error);
  if (failed.length) log(`simulate: ${failed.length} visitors failed, first: ${failed[0].error}`);
  return summary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      visitors: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      parallel: { type: 'string', default: '2' },
      lift: { type: 'string', default: '0' },
      out: { type: 'string' },
      'max-pages': { type: 'string', default: '10' },
      plan: { type: 'boolean', default: false },
    },
  });
  const options = {
    visitors: Number(values.visitors),
    seed: Number(values.seed),
    maxPages: Number(values['max-pages']),
  };
  if (values.plan) console.log(JSON.stringify(demoPlan(options), null, 1));
  else if (!values.url) {
    console.error('simulate: --url of the running demo shop (npm run demo prints it), or --plan');
    process.exitCode = 2;
  } else
    await simulate({
      ...options,
      url: values.url,
      parallel: Number(values.parallel),
      lift: Number(values.lift),
      out: values.out,
    });
}
