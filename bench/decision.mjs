// Time to decision in headless Chromium (section 'decision' of bench/results.md).
// From the moment the SDK script can start (max of an inline marker just before the tag
// and the script's Resource Timing responseEnd) until the personalized content is in the
// DOM (a MutationObserver), over N loads each: cold (a new context per load: no cache,
// bundle and engine chunk fetched; consent given, no profile, no cached assignment) and
// warm (one context: a returning visitor with consent, script, chunk and bundle cached).
// Also: was the default painted before the swap, CLS, hidden slots, long tasks. The
// floor is a ~0.5 KB script that only reads a cached decision and sets text.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { printTable, table, writeSection } from './results.mjs';

const N = Number(process.env.BENCH_LOADS ?? 50);
/** Whole runs of N loads each; the table gives pooled percentiles and each run's spread. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const root = fileURLToPath(new URL('..', import.meta.url));
const STUB = readFileSync(join(root, 'src/stub.js'), 'utf8').trim();

// Bare floor: reads a cached decision, sets the slot's text. No consent logic, no model.
const BARE = `(function(){var d=localStorage.getItem('bare:last');if(!d)return;function run(){var s=document.querySelector('[data-slot=hero]');if(!s)return false;var p=document.createElement('p');p.className='v';p.textContent=d;s.replaceChildren(p);return true}if(!run())new MutationObserver(function(r,o){if(run())o.disconnect()}).observe(document,{childList:true,subtree:true})})();`;

// Records the swap (MutationObserver), hiding, layout shifts, long tasks and first paint.
// Every frame before the swap samples whether the slot is visible (rAF runs just before
// a paint), so hiding by the stub's stylesheet counts as well as the SDK's own.
const PROBE = `window.__b={mark:performance.now(),swap:0,hides:[],cls:0,long:[],frames:[]};
(function f(){var b=window.__b,h=document.getElementById('hero');if(b.swap)return;if(h)b.frames.push(getComputedStyle(h).visibility==='visible');requestAnimationFrame(f)})();
new MutationObserver(function(rs){var b=window.__b;for(var r of rs){if(r.type==='attributes'){b.hides.push([performance.now(),r.target.hasAttribute('data-edgeseg-pending')]);continue}
if(!b.swap&&document.querySelector('#hero .v'))b.swap=performance.now()}}).observe(document,{childList:true,subtree:true,attributes:true,attributeFilter:['data-edgeseg-pending']});
new PerformanceObserver(function(l){for(var e of l.getEntries())if(!e.hadRecentInput)window.__b.cls+=e.value}).observe({type:'layout-shift',buffered:true});
new PerformanceObserver(function(l){for(var e of l.getEntries())window.__b.long.push([e.startTime,e.duration,(e.attribution&&e.attribution[0]&&e.attribution[0].containerSrc)||''])}).observe({type:'longtask',buffered:true});`;

const SLOT = (attr) =>
  `<div id="hero" ${attr}><p>Welcome to the shop</p>${['visitor', 'shopper', 'reader'].map((id) => `<template data-edgeseg-variant="${id}"><p class="v">Hello ${id}</p></template>`).join('')}</div>`;
const page = (tag, attr) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="edgeseg:page-type" content="home"><script>${STUB}</script><script>${PROBE}</script>${tag}</head><body>${SLOT(attr)}<p>Below</p></body></html>`;

const ROUTES = {
  '/sdk.html': page(
    '<script async src="/edgeseg.iife.js" data-bundle="/bundle.json"></script>',
    'data-edgeseg-slot="hero"',
  ),
  '/bare.html': page('<script async src="/bare.js"></script>', 'data-slot="hero"'),
  '/bare.js': BARE,
};

function serve() {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let body = ROUTES[path];
    let type = path.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript';
    try {
      if (path === '/bundle.json')
        [body, type] = [readFileSync(join(root, 'test/fixtures/bundles/pages.json')), 'application/json'];
      else if (!body) body = readFileSync(join(root, 'dist', path.replace(/^\/+/, '').replace(/\.\./g, '')));
    } catch {
      res.writeHead(404).end();
      return;
    }
    // Pages are revalidated; scripts, chunks and the bundle may be cached (the warm case).
    res.writeHead(200, {
      'content-type': type,
      'cache-control': path.endsWith('.html') ? 'no-cache' : 'public, max-age=3600',
    });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const CONSENT = JSON.stringify({
  v: 1,
  t: Date.now(),
  source: 'manual',
  purposes: { personalization: 'granted', measurement: 'denied' },
});

async function measure(p, url, script) {
  await p.goto(url);
  await p.waitForFunction(() => window.__b.swap > 0, null, { timeout: 10_000 });
  await p.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 30)))),
  );
  return p.evaluate((script) => {
    const b = window.__b;
    const res = performance.getEntriesByType('resource').find((e) => e.name.includes(script));
    const start = Math.max(b.mark, res ? res.responseEnd : 0);
    return {
      ms: b.swap - start,
      defaultPainted: b.frames.some((visible) => visible),
      hidden: b.hides.some(([, on]) => on) || b.frames.some((visible) => !visible),
      cls: b.cls,
      longTasks: b.long.length,
    };
  }, script);
}

const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((q / 100) * s.length) - 1)];
};

async function run(browser, base, name, path, script, warm) {
  const out = [];
  const setup = (ctx) =>
    ctx.addInitScript(
      ([consent, warm]) => {
        if (localStorage.getItem('bare:last')) return;
        localStorage.setItem('bare:last', 'Hello reader');
        if (!warm) localStorage.setItem('edgeseg:consent', consent);
      },
      [CONSENT, warm],
    );
  if (warm) {
    const ctx = await browser.newContext();
    await setup(ctx);
    const p = await ctx.newPage();
    // Priming visit: consent, the profile, the cached assignment, and the HTTP cache.
    await p.goto(`${base}${path}`);
    if (path === '/sdk.html') {
      await p.waitForFunction(() => !Array.isArray(window.edgeseg));
      await p.evaluate(() => window.edgeseg.consent.set({ personalization: true }).then(() => window.edgeseg.ready));
      await p.reload();
      await p.waitForFunction(() => localStorage.getItem('edgeseg:last') !== null);
    }
    for (let i = 0; i < N; i++) out.push(await measure(p, `${base}${path}`, script));
    await ctx.close();
  } else {
    for (let i = 0; i < N; i++) {
      const ctx = await browser.newContext();
      await setup(ctx);
      const p = await ctx.newPage();
      out.push(await measure(p, `${base}${path}`, script));
      await ctx.close();
    }
  }
  return out;
}

/** One row from every run's loads: pooled percentiles, and the spread of each run's p50 and p95. */
function summarise(name, warm, runs) {
  const out = runs.flat();
  const ms = out.map((o) => o.ms);
  const spread = (q) => {
    const each = runs.map((r) =>
      pct(
        r.map((o) => o.ms),
        q,
      ),
    );
    return `${Math.min(...each).toFixed(1)}–${Math.max(...each).toFixed(1)}`;
  };
  return [
    name,
    warm ? 'warm' : 'cold',
    `${runs.length} × ${N}`,
    pct(ms, 50).toFixed(1),
    spread(50),
    pct(ms, 95).toFixed(1),
    spread(95),
    `${out.filter((o) => o.defaultPainted).length}/${out.length}`,
    Math.max(...out.map((o) => o.cls)).toFixed(3),
    `${out.filter((o) => o.hidden).length}/${out.length}`,
    out.reduce((a, o) => a + o.longTasks, 0),
  ];
}

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: CHROMIUM_ARGS,
  headless: true,
});
const rows = [];
const SCRIPTS = [
  ['bare script floor (0.5 KB)', '/bare.html', 'bare.js'],
  ['edgeseg script tag', '/sdk.html', 'edgeseg.iife.js'],
];
try {
  for (const warm of [false, true]) {
    // Runs interleaved (floor, edgeseg, floor, ...), so a busy machine slows both alike.
    const runs = SCRIPTS.map(() => []);
    for (let r = 0; r < RUNS; r++) {
      for (const [i, [name, path, script]] of SCRIPTS.entries())
        runs[i].push(await run(browser, base, name, path, script, warm));
    }
    for (const [i, [name]] of SCRIPTS.entries()) rows.push(summarise(name, warm, runs[i]));
  }
} finally {
  await browser.close();
  server.close();
}
const header = [
  'script',
  'case',
  'runs × loads',
  'p50 ms',
  'p50 of each run',
  'p95 ms',
  'p95 of each run',
  'default painted first',
  'max CLS',
  'loads with a hidden slot',
  'long tasks',
];
printTable('Time to decision (headless Chromium)', header, rows);
writeSection(
  'decision',
  `## Time to decision\n\nFrom max(inline marker before the tag, the script's Resource Timing \`responseEnd\`) to the personalized element in the DOM (MutationObserver), headless Chromium, local server (scripts, chunks and bundle \`max-age=3600\`). Cold: a new context per load (nothing cached, bundle and engine chunk fetched; consent given, no profile). Warm: one context, a returning visitor with consent and a cached assignment. "Default painted first": a frame was rendered before the swap with the slot visible (sampled every frame with \`requestAnimationFrame\`); "hidden" counts hiding by the SDK or by the stub's pre-hiding stylesheet. Long tasks: all long tasks on the page (≥ 50 ms), summed over every load. \`BENCH_RUNS\` runs (default 3) of \`BENCH_LOADS\` loads (default 50), the floor and edgeseg interleaved run by run; p50 and p95 are pooled over every load, with the range of each run's own p50 and p95 beside them (the spread between runs on this shared machine).\n\n${table(header, rows)}\n`,
);
