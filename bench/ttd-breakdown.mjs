// Where a page's time to decision goes (section 'breakdown' of bench/results.md, issue 18):
// the README script tag in headless Chromium, with the page and server of the shared peer
// harness (growthbook-ttd.mjs with edgeseg-adapter.mjs, kept outside this repository), and every
// millisecond from `ready` (the moment the core can start) to the swap given to one
// category: waiting for the network, waiting for a core, V8 compiling, JavaScript by source
// area (through the source maps beside each dist file), Intl, V8/Blink native work, GC, idle.
//
//   npm run build
//   node bench/ttd-breakdown.mjs [--consent set] [--no-write] [--trace DIR] [--settle MS]
//
// BENCH_LOADS (default 20) loads of each kind per case, the kinds interleaved load by load:
// plain (no tracing: the TTD to quote), traced (the main thread's tasks and V8's compile
// events, no sampler: download, compile, off-CPU and idle time with little overhead) and
// profiled (the same plus V8's sampling CPU profiler: the full breakdown; the profiler slows
// the page, by how much the TTD rows show). `--trace DIR` keeps every trace (they open in
// the Performance panel of Chrome DevTools). BENCH_LOADS=20 takes about 2.5 minutes a mode.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { SourceMapConsumer } from 'source-map-js';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { printTable, table, writeSection } from './results.mjs';

const N = Number(process.env.BENCH_LOADS ?? 20);
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const SET = option('--consent') === 'set';
const MODE = SET ? 'set' : 'opt-out';
const WRITE = !args.includes('--no-write');
const TRACE_DIR = option('--trace');
/**
 * `--settle MS`: wait this long after opening a cold load's context, before navigating. Each
 * new context makes headless Chromium preload a WebUI renderer (chrome://omnibox-popup.top-chrome)
 * whose start competes with the page for the 2 cores; the harness does not wait (default 0).
 */
const SETTLE = Number(option('--settle') ?? 0);
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const RESULTS = new URL('./results.md', import.meta.url);
const started = Date.now();
const loadBefore = loadavg()[0];

// ---- the bundle: the demo's, trained as `npm run demo` does when it is missing ----
const bundlePath = join(root, 'demo/segments/bundle.json');
if (!existsSync(bundlePath)) {
  const { trainDemoBundle } = await import('../demo/train-bundle.mjs');
  const code = await trainDemoBundle(join(root, 'data/online_shoppers_intention.csv.gz'), bundlePath);
  if (code !== 0) process.exit(code);
}
const bundleText = readFileSync(bundlePath, 'utf8');
const segmentIds = JSON.parse(bundleText).segments.map((s) => s.id);

// ---- the page: the harness's layout and headline, the tag as README.md gives it ----
const TEXT = 'Welcome back: trail running shoes picked for you';
const STUB = readFileSync(join(root, 'README.md'), 'utf8').match(/<script>!function[^\n]*<\/script>/)?.[0];
if (!STUB) throw new Error('ttd-breakdown: no queue stub (<script>!function…</script>) in README.md');
const CSS =
  'body{margin:0;font:16px/24px sans-serif}main{width:360px;padding:16px}' +
  '#hero{font:bold 28px/36px sans-serif;margin:0 0 12px}#hero h1{font:inherit;margin:0}.lede{margin:0 0 12px}' +
  '.cta{display:inline-block;padding:8px 16px;background:#135;color:#fff}.filler{height:1500px;margin-top:12px;background:#eee}';
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ttd breakdown</title>
<meta name="viewport" content="width=device-width">
<meta name="edgeseg:page-type" content="product">
<style>${CSS}</style>
${STUB}${SET ? '<script>edgeseg.consent.set({ personalization: true })</script>' : ''}
<script>window.__ttd.tag=performance.now()</script><script async src="/edgeseg.iife.js" data-bundle="/segments/bundle.json" data-consent-mode="${SET ? 'opt-in' : 'opt-out'}"></script>
</head><body><main>
<div id="hero" data-edgeseg-slot="hero"><h1>default</h1>${segmentIds.map((id) => `<template data-edgeseg-variant="${id}"><h1>${TEXT}</h1></template>`).join('')}</div>
<p class="lede">Free shipping on orders over 50 EUR. Returns within 30 days.</p><a class="cta" href="#buy">Shop now</a><div class="filler"></div>
</main></body></html>`;

// Runs before any page script: the swap is the first mutation after which the slot reads the
// personalized text. `console.timeStamp` puts that moment into the trace (a no-op when not
// tracing), which ties performance.now() to the trace clock. `console.debug` tells this
// script, so Playwright evaluates nothing in the page before the swap: its waitForFunction
// injects a script whose parse and compile (25–50 ms here) would land in the middle of a
// cold load's TTD whenever the `load` event comes first.
const PROBE = `window.__ttd={tag:null,dom:null};new MutationObserver(function(){var t=window.__ttd,h;if(t.dom!==null)return;h=document.getElementById('hero');
if(h&&h.textContent.trim()===${JSON.stringify(TEXT)}){t.dom=performance.now();console.timeStamp('ttd:dom');console.debug('ttd:dom')}}).observe(document,{subtree:true,childList:true,characterData:true});`;

// ---- the server: as the harness's (gzip -9 when accepted), cache headers as on a CDN ----
const ROUTES = { '/': { type: 'text/html; charset=utf-8', body: PAGE, cache: 'no-store' } };
for (const f of readdirSync(dist).filter((f) => /^edgeseg.*\.(js|mjs|map)$/.test(f)))
  ROUTES[`/${f}`] = {
    type: f.endsWith('.map') ? 'application/json' : 'text/javascript',
    body: readFileSync(join(dist, f)),
    cache: 'public, max-age=604800',
  };
ROUTES['/segments/bundle.json'] = { type: 'application/json', body: bundleText, cache: 'no-cache' };
for (const r of Object.values(ROUTES)) r.gz = /javascript|json/.test(r.type) ? gzipSync(r.body, { level: 9 }) : null;

const server = createServer((req, res) => {
  const route = ROUTES[new URL(req.url ?? '/', 'http://x').pathname];
  if (!route) return res.writeHead(404).end();
  const gz = route.gz && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  res.writeHead(200, {
    'content-type': route.type,
    'cache-control': route.cache,
    ...(gz ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
  });
  res.end(gz ? route.gz : route.body);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;

// ---- source maps: a position in dist/X → the original file ----
const maps = new Map();
function original(url, line, column) {
  const file = basename(new URL(url).pathname);
  if (!maps.has(file)) {
    const path = join(dist, `${file}.map`);
    maps.set(file, existsSync(path) ? new SourceMapConsumer(JSON.parse(readFileSync(path, 'utf8'))) : null);
  }
  const map = maps.get(file);
  const at = map?.originalPositionFor({ line, column });
  if (!at?.source) return null;
  // Intl's work is native and has no frame of its own: the profiler shows the line that called it.
  const text = map.sourceContentFor(at.source, true)?.split('\n')[at.line - 1] ?? '';
  return { source: at.source.replace(/^(\.\.\/)+/, ''), intl: /\bIntl\./.test(text) };
}

/** Source areas of issue 18, first match wins (validation before the rest of src/bundle). */
const AREAS = [
  ['validation', /^node_modules\/zod\/|^src\/config\/|^src\/bundle\/(validate|schema)/],
  ['bundle', /^src\/bundle\//],
  ['scoring', /^src\/(score|features)\//],
  ['profile/collect', /^src\/(collect|profile)\//],
  ['store', /^src\/store\/|^node_modules\/idb\//],
  ['consent', /^src\/consent\//],
  ['render', /^src\/(render|decide)\//],
  ['client', /^src\/(client|lib)\/|^src\/(embed|prefetch)\.ts$/],
];
const areaOf = (source) => AREAS.find(([, re]) => re.test(source))?.[0] ?? 'other';

/** What a profiled load's [ready, swap] is cut into, in table order. */
const CATEGORIES = [
  'download / chunk wait',
  'compile',
  ...AREAS.map(([a]) => `JS: ${a}`),
  'JS: other',
  'Intl / ICU',
  'page scripts',
  '(program)',
  '(garbage collector)',
  '(not sampled)',
  '(off CPU)',
  'idle',
];
/** What a traced load without the sampler is cut into: the JS and native work stays whole. */
const COARSE = ['download / chunk wait', 'compile', '(garbage collector)', 'JS and native work', '(off CPU)', 'idle'];

// ---- the trace ----
const TIMELINE = [
  '-*',
  'devtools.timeline', // RunTask (the main thread's tasks), MinorGC/MajorGC, v8.compile, TimeStamp
  'disabled-by-default-devtools.timeline',
  'v8',
  'disabled-by-default-v8.compile', // V8.CompileCode, V8.ParseFunction, ... (lazy compiles)
];
const PROFILER = ['disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.cpu_profiler.hires']; // 100 µs
/** Main-thread trace events that are V8 parsing or compiling (nested ones merge). */
const COMPILE =
  /^(v8\.compile|v8\.compileModule|v8\.produceCache|v8\.produceModuleCache|V8\.(Compile|Parse|PreParse|StreamingFinalization|OffThreadFinalization|FinalizeBaselineConcurrentCompilation)|FlushInstructionCache$)/;
const GC = /^(MinorGC|MajorGC|V8\.GC_)/;
const INTL = /DateTimeFormat|resolvedOptions|NumberFormat|Collator|PluralRules|RelativeTimeFormat|Intl/;
const STEP = 0.025; // ms: the attribution grid, finer than the sampling
const GAP = 1; // ms: farther than this from any CPU sample, a moment counts as not sampled

/** Sorted, merged [start, end) intervals. */
function merge(intervals) {
  const out = [];
  for (const [s, e] of intervals.sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
/** Whether a time is in the intervals, for times that only increase. */
function within(intervals) {
  const merged = merge(intervals);
  let i = 0;
  return (t) => {
    while (i < merged.length && merged[i][1] <= t) i++;
    return i < merged.length && merged[i][0] <= t;
  };
}

/** The CPU profile of the main thread: a 'Profile' event there, then 'ProfileChunk's with its id. */
function cpuProfile(events, pid, tid) {
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  const nodes = new Map();
  const samples = [];
  if (!profile) return { nodes, samples };
  let t = profile.args.data.startTime;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile.id) continue;
    const d = e.args.data;
    for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    (d.cpuProfile?.samples ?? []).forEach((id, i) => {
      t += d.timeDeltas[i];
      samples.push({ t: t / 1000, id, line: d.lines?.[i] ?? 0, column: d.columns?.[i] ?? 0 });
    });
  }
  return { nodes, samples: samples.sort((a, b) => a.t - b.t) };
}

/**
 * The share of wall time the thread spent on a core, for times that only increase: every
 * main-thread event carries the thread's CPU clock (`tts`, `tdur`) beside the wall clock, so
 * between two consecutive event boundaries the thread ran for Δtts of the Δts that passed.
 */
function onCpu(events) {
  const points = events.flatMap((e) => [
    [e.ts, e.tts],
    [e.ts + e.dur, e.tts + e.tdur],
  ]);
  points.sort((a, b) => a[0] - b[0]);
  let i = 0;
  return (t) => {
    while (i + 2 < points.length && points[i + 1][0] / 1000 <= t) i++;
    const [[t0, c0], [t1, c1]] = [points[i], points[i + 1] ?? points[i]];
    return t1 > t0 ? Math.min(1, Math.max(0, (c1 - c0) / (t1 - t0))) : 1;
  };
}

/**
 * Every STEP of [ready, swap] on the page's main thread (times in ms on the trace clock).
 * Outside any task the thread is idle: download / chunk wait while an edgeseg script or the
 * bundle is in flight, else idle. In a task, the share of the step the thread was off its
 * core is '(off CPU)'; the rest is compile or GC within those trace events, else the CPU
 * sample nearest in time decides (`classify`); with none within GAP (the sampler starved of
 * a core) the innermost FunctionCall of the trace, if any, else '(not sampled)'. Without a
 * profile (traced loads), that work stays whole.
 */
function categorise(trace, load) {
  const events = trace.traceEvents ?? trace;
  const mark = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'ttd:dom');
  if (!mark) return null;
  const { pid, tid } = mark;
  const offset = mark.ts / 1000 - load.dom; // trace ms = performance.now() + offset
  const [ready, dom] = [load.ready + offset, mark.ts / 1000];
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur);
  const span = (e) => [e.ts / 1000, (e.ts + e.dur) / 1000];
  const named = (test) => main.filter((e) => test(e.name)).map(span);
  const inTask = within(named((n) => n === 'RunTask'));
  const inCompile = within(named((n) => COMPILE.test(n)));
  const inGc = within(named((n) => GC.test(n)));
  const inFlight = within(load.resources.map((r) => [r.start + offset, r.end + offset]));
  const cpu = onCpu(main.filter((e) => e.tdur !== undefined));
  const calls = main
    .filter((e) => e.name === 'FunctionCall' && e.args?.data?.url)
    .map((e) => [...span(e), e.args.data]);
  const { nodes, samples } = cpuProfile(events, pid, tid);
  classified.clear(); // node ids are the profile's own
  const ms = {};
  const bySource = {};
  const add = (category, v) => (ms[category] = (ms[category] ?? 0) + v);
  let s = 0;
  let fromCalls = 0;
  for (let at = ready + STEP / 2; at < dom; at += STEP) {
    // Every check runs at every step: the cursors only move forward.
    const [task, compiling, collecting, flying, f] = [inTask(at), inCompile(at), inGc(at), inFlight(at), cpu(at)];
    if (!task) {
      add(flying ? 'download / chunk wait' : 'idle', STEP);
      continue;
    }
    add('(off CPU)', (1 - f) * STEP);
    let c;
    if (compiling) c = { name: 'compile' };
    else if (collecting) c = { name: '(garbage collector)' };
    else if (!samples.length) c = { name: 'JS and native work' };
    else {
      while (s + 1 < samples.length && Math.abs(samples[s + 1].t - at) <= Math.abs(samples[s].t - at)) s++;
      if (Math.abs(samples[s].t - at) <= GAP) c = classify(samples[s], nodes);
      else {
        const call = calls.filter(([a, b]) => a <= at && at < b).pop()?.[2];
        c = call ? classify({ id: -1, line: 0 }, nodes, call) : { name: '(not sampled)' };
        if (call) fromCalls += f * STEP;
      }
    }
    add(c.name, f * STEP);
    if (c.source) bySource[`${c.name}|${c.source}`] = (bySource[`${c.name}|${c.source}`] ?? 0) + f * STEP;
  }
  return {
    ms,
    bySource,
    others: otherCpu(events, pid, tid, ready, dom),
    ttd: dom - ready,
    fromCalls,
    samplesPerMs: samples.filter((x) => x.t > ready && x.t < dom).length / (dom - ready),
    // The profiler starts with a burst of work of its own; in [ready, swap] that would count.
    profilerStartInside: main.some(
      (e) => e.name === 'CpuProfiler::StartProfiling' && span(e)[0] < dom && span(e)[1] > ready,
    ),
  };
}

/**
 * CPU time (ms) that every other thread used in [from, to], by process: the outermost events
 * of each thread, clipped in proportion. A lower bound: work outside any traced event is missed.
 */
function otherCpu(events, pid, tid, from, to) {
  const names = Object.fromEntries(
    events.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => [e.pid, e.args.name]),
  );
  const threads = new Map();
  for (const e of events)
    if (e.ph === 'X' && e.dur && e.tdur !== undefined && !(e.pid === pid && e.tid === tid))
      threads.set(`${e.pid}:${e.tid}`, [...(threads.get(`${e.pid}:${e.tid}`) ?? []), e]);
  const out = {};
  for (const list of threads.values()) {
    let end = -Infinity;
    for (const e of list.sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
      if (e.ts < end) continue; // nested in the previous outermost event
      end = e.ts + e.dur;
      const overlap = Math.min(to * 1000, end) - Math.max(from * 1000, e.ts);
      if (overlap <= 0) continue;
      const who = e.pid === pid ? "this page's renderer, other threads" : (names[e.pid] ?? 'other');
      out[who] = (out[who] ?? 0) + (e.tdur * overlap) / e.dur / 1000;
    }
  }
  return out;
}

const classified = new Map();
/**
 * A sample's category, and the original file for edgeseg's JavaScript: from the leaf up, the
 * first frame with a script gives it, at the sample's own position when it is the top JS
 * frame (the trace's per-sample line and column, 1-based) and else where its function starts.
 */
function classify(sample, nodes, call) {
  const key = call
    ? `${call.url}:${call.lineNumber}:${call.columnNumber}`
    : `${sample.id}:${sample.line}:${sample.column}`;
  if (classified.has(key)) return classified.get(key);
  const stack = [];
  for (let n = nodes.get(sample.id); n; n = nodes.get(n.parent)) stack.push(n.callFrame);
  // A FunctionCall event stands for a one-frame stack at the function's start (1-based there).
  if (call) stack.push({ ...call, lineNumber: call.lineNumber - 1, columnNumber: call.columnNumber - 1 });
  const frame = stack.find((f) => f.url || f.scriptId > 0);
  let out = { name: '(program)' }; // (program), (idle) inside a task, or natives with no script
  if (stack[0]?.functionName === '(garbage collector)') out = { name: '(garbage collector)' };
  else if (stack.some((f) => !f.url && INTL.test(f.functionName))) out = { name: 'Intl / ICU' };
  else if (frame && !/\/edgeseg[^/]*\.m?js$/.test(frame.url ?? '')) out = { name: 'page scripts' };
  else if (frame) {
    const top = frame === stack.find((f) => f.url) && sample.line > 0;
    const at = top
      ? original(frame.url, sample.line, Math.max(0, sample.column - 1))
      : original(frame.url, frame.lineNumber + 1, frame.columnNumber);
    if (!at) out = { name: 'JS: other' };
    else if ((top || call) && at.intl) out = { name: 'Intl / ICU', source: at.source };
    else out = { name: `JS: ${areaOf(at.source)}`, source: at.source };
  }
  classified.set(key, out);
  return out;
}

// ---- loads ----
async function newContext(browser) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await ctx.addInitScript({ content: PROBE });
  return ctx;
}

let saved = 0;
/** One load of a kind: 'plain', 'traced' (no sampler) or 'profiled'. */
async function load(browser, page, kind) {
  if (kind !== 'plain')
    await browser.startTracing(undefined, { categories: kind === 'profiled' ? [...TIMELINE, ...PROFILER] : TIMELINE });
  // V8 starts the profiler at the next JavaScript the renderer runs once tracing reaches it,
  // with a burst of its own (source positions of every function so far): on a returning
  // visit (the same renderer) that was the core's first call. So some runs now, before
  // every kind of load alike.
  for (let i = 0; i < 3; i++) await page.evaluate(() => new Promise((r) => setTimeout(r, 20)));
  let out = { kind, ok: false };
  try {
    const swapped = page.waitForEvent('console', { predicate: (m) => m.text() === 'ttd:dom', timeout: 10_000 });
    swapped.catch(() => {}); // awaited below, unless goto fails first
    await page.goto(base, { waitUntil: 'commit' });
    await swapped;
    // The frame after the swap renders before the trace stops.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    out = await page.evaluate((kind) => {
      const resources = performance
        .getEntriesByType('resource')
        .filter((e) => /\/(edgeseg[^/]*\.m?js|segments\/bundle\.json)$/.test(e.name))
        .map((e) => ({ name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }));
      return { kind, ok: true, tag: window.__ttd.tag, dom: window.__ttd.dom, resources };
    }, kind);
  } catch (error) {
    out.error = String(error).split('\n')[0]; // counted as a failed load
  } finally {
    const trace = kind !== 'plain' ? await browser.stopTracing() : null;
    if (out.ok) {
      const core = out.resources.find((r) => r.name === '/edgeseg.iife.js');
      out.ready = Math.max(out.tag, core?.end ?? -Infinity);
      out.ttd = out.dom - out.ready;
      // What the swap may have waited for: the files requested before it, besides the core.
      out.core = core;
      out.resources = out.resources.filter((r) => r !== core && r.start < out.dom);
      if (trace) out.breakdown = categorise(JSON.parse(trace.toString('utf8')), out);
      if (trace && TRACE_DIR) {
        mkdirSync(TRACE_DIR, { recursive: true });
        writeFileSync(join(TRACE_DIR, `${++saved}-${kind}.json`), trace);
      }
    }
  }
  return out;
}

const KINDS = ['plain', 'traced', 'profiled'];
/** N loads of each kind, interleaved; cold: a new context for each. */
async function run(browser, warm) {
  const loads = [];
  let ctx = await newContext(browser);
  let page = await ctx.newPage();
  await load(browser, page, 'plain'); // cold: warms the server and the disk; warm: the priming visit
  for (let i = 0; i < KINDS.length * N; i++) {
    if (!warm) {
      await ctx.close();
      ctx = await newContext(browser);
      page = await ctx.newPage();
      if (SETTLE) await new Promise((r) => setTimeout(r, SETTLE));
    }
    loads.push(await load(browser, page, KINDS[i % KINDS.length]));
    process.stderr.write(`\r${warm ? 'warm' : 'cold'} ${i + 1}/${KINDS.length * N}`);
  }
  await ctx.close();
  process.stderr.write('\n');
  return loads;
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
const results = {};
try {
  for (const warm of [false, true]) results[warm ? 'warm' : 'cold'] = await run(browser, warm);
} finally {
  await browser.close();
  server.close();
}
const seconds = Math.round((Date.now() - started) / 1000);
const loadAfter = loadavg()[0];

// ---- statistics and tables ----
const pct = (xs, q) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((q / 100) * s.length) - 1))] : NaN;
};
const mean = (xs) => xs.reduce((a, x) => a + x, 0) / xs.length;
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');

const cases = Object.entries(results).map(([name, loads]) => ({
  name,
  loads,
  of: (kind) => loads.filter((l) => l.kind === kind && l.ok && (kind === 'plain' || l.breakdown)),
}));
/** A table of rows × (p50, p90, mean) per case, over the loads of one kind. */
function breakdownTable(kind, categories) {
  const header = [
    'ms',
    ...cases.flatMap(({ name, of }) => [`${name} p50 (n=${of(kind).length})`, `${name} p90`, `${name} mean`]),
  ];
  const row = (label, pick) =>
    [label].concat(
      cases.flatMap(({ of }) => {
        const xs = of(kind).map(pick);
        return [f1(pct(xs, 50)), f1(pct(xs, 90)), f1(mean(xs))];
      }),
    );
  const rows = [
    ...categories.map((c) => row(c, (l) => l.breakdown.ms[c] ?? 0)),
    row(`**sum = TTD of these loads**`, (l) => l.breakdown.ttd),
  ];
  for (const other of KINDS.filter((k) => k !== kind))
    rows.push([
      `TTD of the ${other} loads between them`,
      ...cases.flatMap(({ of }) => {
        const xs = of(other).map((l) => l.ttd);
        return [f1(pct(xs, 50)), f1(pct(xs, 90)), f1(mean(xs))];
      }),
    ]);
  return [header, rows];
}
const [profiledHeader, profiledRows] = breakdownTable('profiled', CATEGORIES);
const [tracedHeader, tracedRows] = breakdownTable('traced', COARSE);

// The network, from the plain loads: when each file was requested and arrived, from `ready`.
const median = (xs) => f1(pct(xs, 50));
const files = (l) => (l.core ? [l.core, ...l.resources] : l.resources);
const names = [...new Set(cases.flatMap(({ of }) => of('plain').flatMap((l) => files(l).map((r) => r.name))))];
const netHeader = ['file (median ms from ready)', ...cases.flatMap(({ name }) => [`${name} requested`, 'arrived'])];
const netRows = names.map((name) => [
  name,
  ...cases.flatMap(({ of }) => {
    const hits = of('plain').flatMap((l) =>
      files(l)
        .filter((r) => r.name === name)
        .map((r) => [l, r]),
    );
    // '–': fetched in fewer than half the loads (a chunk a returning visitor rarely needs).
    if (hits.length < of('plain').length / 2) return ['–', '–'];
    return [median(hits.map(([l, r]) => r.start - l.ready)), median(hits.map(([l, r]) => r.end - l.ready))];
  }),
]);
/** The last answer to the requests the core makes at start (those out before the first answer). */
function startupArrived(l) {
  const first = Math.min(...l.resources.map((r) => r.end));
  return Math.max(...l.resources.filter((r) => r.start <= first + 1).map((r) => r.end)) - l.ready;
}
netRows.push([
  "the core's start-up requests (out before the first answer): last answer",
  ...cases.flatMap(({ of }) => ['', median(of('plain').map(startupArrived))]),
]);

// What else ran meanwhile (traced loads): the cores the main thread was off were busy here.
const processes = [...new Set(cases.flatMap(({ of }) => of('traced').flatMap((l) => Object.keys(l.breakdown.others))))];
const cpuHeader = ['CPU ms in [ready, swap] (mean)', ...cases.map(({ name }) => `${name} traced loads`)];
const cpuRows = processes
  .map((who) => [who, ...cases.map(({ of }) => mean(of('traced').map((l) => l.breakdown.others[who] ?? 0)))])
  .sort((a, b) => b[1] - a[1])
  .map(([who, ...xs]) => [who, ...xs.map(f1)]);

// Where the JavaScript time is, by original file (and category): mean ms per profiled load.
const sources = {};
for (const { name, of } of cases)
  for (const l of of('profiled'))
    for (const [key, v] of Object.entries(l.breakdown.bySource)) {
      sources[key] ??= Object.fromEntries(cases.map((c) => [c.name, 0]));
      sources[key][name] += v / of('profiled').length;
    }
const topHeader = ['original file', 'category', ...cases.map(({ name }) => `${name} ms per load (mean)`)];
const topRows = Object.entries(sources)
  .sort(([, a], [, b]) => Object.values(b)[0] - Object.values(a)[0])
  .slice(0, 12)
  .map(([key, v]) => [key.split('|')[1], key.split('|')[0], ...cases.map(({ name }) => f1(v[name]))]);

const failed = cases.map(({ name, loads }) => `${name} ${loads.filter((l) => !l.ok).length}`).join(', ');
/** One figure per case, e.g. "cold 12.3, warm 4.5". */
const perCase = (figure) => cases.map((c) => `${c.name} ${figure(c)}`).join(', ');
const profiled = (of) => of('profiled').map((l) => l.breakdown);
const sampling = perCase(
  ({ of }) =>
    `${f1(
      1000 /
        pct(
          profiled(of).map((b) => b.samplesPerMs),
          50,
        ),
    )} µs`,
);
const fromCalls = perCase(({ of }) => {
  const b = profiled(of);
  return `${f1((100 * mean(b.map((x) => x.fromCalls))) / mean(b.map((x) => x.ttd)))}%`;
});
const lateStart = perCase(({ of }) => profiled(of).filter((b) => b.profilerStartInside).length);
const about = [
  `${N} loads of each kind per case${SETTLE ? `, cold contexts left to settle ${SETTLE} ms before navigating` : ''}`,
  `${seconds} s, load average ${loadBefore.toFixed(2)} before and ${loadAfter.toFixed(2)} after (this run's own browser included)`,
  `failed loads: ${failed}`,
  `samples every ${sampling} (median per profiled load, 100 µs asked)`,
  `profiled time given by a FunctionCall event for want of a sample: ${fromCalls}`,
  `profiled loads whose profiler started after \`ready\`: ${lateStart}`,
].join('; ');

printTable(`Where the time to decision goes, consent ${MODE}: profiled loads`, profiledHeader, profiledRows);
printTable('Traced loads without the sampler', tracedHeader, tracedRows);
printTable('Network (plain loads)', netHeader, netRows);
printTable('Other threads and processes (traced loads)', cpuHeader, cpuRows);
printTable('JavaScript by original file (profiled loads)', topHeader, topRows);
console.log(`\n${about}`);

if (WRITE) {
  // One block per consent mode inside the section: a run replaces its own, keeps the other's.
  const block = (mode) => new RegExp(`<!-- breakdown/${mode}:start -->[\\s\\S]*?<!-- breakdown/${mode}:end -->`);
  const other = (existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '').match(block(SET ? 'opt-out' : 'set'))?.[0];
  const mine = `<!-- breakdown/${MODE}:start -->
### Consent ${SET ? 'set at load (`--consent set`: opt-in, and `edgeseg.consent.set({ personalization: true })` after the stub: a visitor who accepts the banner)' : 'opt-out (`data-consent-mode="opt-out"`)'}

${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${about}.

Profiled loads, each one's [ready, swap] cut into categories (ms):

${table(profiledHeader, profiledRows)}

Traced loads, without the sampler:

${table(tracedHeader, tracedRows)}

The network, plain loads ("–": fetched in fewer than half the loads):

${table(netHeader, netRows)}

CPU time the browser's other threads and processes used meanwhile, traced loads:

${table(cpuHeader, cpuRows)}

JavaScript (and Intl) by original file, the 12 largest in cold loads:

${table(topHeader, topRows)}
<!-- breakdown/${MODE}:end -->`;
  const categories = TIMELINE.filter((c) => c !== '-*')
    .map((c) => `\`${c}\``)
    .join(', ');
  writeSection(
    'breakdown',
    `## Where the time to decision goes (\`node bench/ttd-breakdown.mjs\`, issue 18)

\`npm run build && node bench/ttd-breakdown.mjs [--consent set]\` (about 2.5 minutes a mode with the default \`BENCH_LOADS=20\`; \`--no-write\` only prints, \`--trace DIR\` keeps every trace for Chrome DevTools' Performance panel, \`--settle MS\` waits that long after opening a cold load's context: each new context makes headless Chromium start a WebUI renderer, \`chrome://omnibox-popup.top-chrome\`, that competes with the page for the 2 cores; the harness does not wait, nor does the default). The page and server are the peer harness's (kept outside this repository): the README tag (queue stub, an inline \`performance.now()\` marker, \`<script async src="/edgeseg.iife.js" data-bundle="/segments/bundle.json">\`), the demo bundle with a \`<template data-edgeseg-variant>\` per segment in \`#hero\`, 127.0.0.1 with gzip -9, scripts \`max-age=604800\`, bundle \`no-cache\`, headless Debian Chromium with \`scripts/chromium.mjs\`'s flags. TTD = the personalized text in the DOM (a MutationObserver in an init script) minus \`ready\` = max(marker, the core's Resource Timing \`responseEnd\`). Cold: a new browser context per load, after one discarded load; warm: one context, one priming load, then returning visits (the remembered decision in \`edgeseg:last\`). \`BENCH_LOADS\` loads of each kind per case, interleaved load by load: *plain* (no tracing: the TTD to quote), *traced* (\`browser.startTracing\` with ${categories}) and *profiled* (the same plus \`disabled-by-default-v8.cpu_profiler\` and \`.hires\`: V8's sampling profiler, 100 µs asked). Nothing is evaluated in the page before the swap (the probe reports it with \`console.debug\`; Playwright's \`waitForFunction\` would inject its own script, 25–50 ms of parse and compile, into a cold load's TTD).

How [ready, swap] is cut: in ${STEP * 1000} µs steps on the page's main thread, each given to one category. Outside every \`RunTask\` the thread is idle: **download / chunk wait** while an edgeseg script or the bundle is on the network (Resource Timing \`startTime\`–\`responseEnd\`), else **idle** (timers, IndexedDB, scheduling). Inside a task, **(off CPU)** is the share of the step the thread was not running (from the thread CPU clock, \`tts\`/\`tdur\`, that every trace event carries): waiting for one of the 2 cores, which the browser's other processes and threads use meanwhile (the table "CPU time … other threads"). The rest of the step: **compile** within V8's compile events (\`v8.compile\`, \`v8.compileModule\`, \`v8.produceCache\`, \`v8.produceModuleCache\`, \`V8.Compile*\`, \`V8.Parse*\`, \`V8.PreParse\`, streaming and off-thread finalization, \`FlushInstructionCache\`: the main thread's part, not the streaming compile on other threads); **(garbage collector)** within \`MinorGC\`/\`MajorGC\`; else, in a traced load, **JS and native work**, and in a profiled load the nearest CPU sample decides: **Intl / ICU** with a native Intl frame on its stack, or when its top JavaScript frame is on a source line that calls \`Intl.\` (ICU's work has no frame of its own); **JS: area** by the original file of the first frame with a script URL (the sample's own line and column in the top frame, the function's start in a caller), through \`dist/*.map\` with \`source-map-js\`: validation = \`node_modules/zod\`, \`src/config\`, \`src/bundle/validate*\` and \`schema*\`; bundle = the rest of \`src/bundle\`; scoring = \`src/score\`, \`src/features\`; profile/collect = \`src/collect\`, \`src/profile\`; store = \`src/store\`, \`idb\`; consent = \`src/consent\`; render = \`src/render\`, \`src/decide\`; client = \`src/client\`, \`src/lib\`, \`src/embed.ts\`, \`src/prefetch.ts\`; other = the rest (\`src/chunks\`); **page scripts**: the page's inline scripts and the probe; **(program)**: native work outside JavaScript (module instantiation, HTML, style, layout, loading, task overhead) and \`(idle)\` samples inside a task; **(garbage collector)** samples; with no sample within ${GAP} ms (the sampler thread starved), the innermost \`FunctionCall\` trace event names the function, else **(not sampled)**. The categories of one load add up to its TTD; medians of categories need not add up to the median TTD (means do). The profiler slows the page, mostly where V8 compiles (it records every function compiled): compare the TTD rows of the three kinds, and read profiled categories as shares.

${[SET ? other : mine, SET ? mine : other].filter(Boolean).join('\n\n')}`,
  );
}
