// Scoring speed: nearest centroid over typed arrays vs the same math with tfjs, in Node
// and in Debian's Chromium, k ∈ {8, 64, 256} × d ∈ {16, 64, 256}. Goal: k = d = 64 in
// ≤ 20 µs and ≥ 20× faster than tfjs. Needs `npm run build` first (npm run bench does it).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { printTable, table, writeSection } from './results.mjs';
import { runScoreBench } from './score-run.mjs';

const root = new URL('../', import.meta.url);

// The tfjs chunk is the browser build; its Node platform code calls require().
globalThis.require ??= createRequire(import.meta.url);
// The engine's parts: the `edgeseg/engine` export path.
const es = await import(new URL('dist/internals.mjs', root).href);
const tfjs = (await import(new URL('dist/edgeseg.tfjs.mjs', root).href)).default;
await tfjs.createNet([{ units: 1, activation: 'linear', weights: new Float32Array(1), bias: new Float32Array(1) }], 1);
const node = runScoreBench(es, tfjs);

// Chromium: the same module, the same chunks, served from dist/.
const FILES = {
  '/internals.mjs': 'dist/internals.mjs',
  '/score-run.mjs': 'bench/score-run.mjs',
};
const server = createServer((req, res) => {
  // Every built chunk too: the entries import the chunks they share code with.
  const chunk = /^\/(edgeseg[.-][a-z-]+\.mjs)$/.exec(req.url ?? '');
  const file = FILES[req.url ?? ''] ?? (chunk ? `dist/${chunk[1]}` : undefined);
  if (req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html' });
    return res.end('<!doctype html><title>bench</title>');
  }
  if (!file) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(200, { 'content-type': 'text/javascript' });
  res.end(readFileSync(new URL(file, root)));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
let web;
try {
  const page = await browser.newPage();
  await page.goto(url);
  web = await page.evaluate(async () => {
    const es = await import('/internals.mjs');
    const tfjs = (await import('/edgeseg.tfjs.mjs')).default;
    await tfjs.createNet(
      [{ units: 1, activation: 'linear', weights: new Float32Array(1), bias: new Float32Array(1) }],
      1,
    );
    const { runScoreBench } = await import('/score-run.mjs');
    return runScoreBench(es, tfjs);
  });
} finally {
  await browser.close();
  server.close();
}

const us = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const header = [
  'k',
  'd',
  'Node typed (µs)',
  'Node assign (µs)',
  'Node tfjs (µs)',
  'Node ×',
  'Chromium typed (µs)',
  'Chromium assign (µs)',
  'Chromium tfjs (µs)',
  'Chromium ×',
];
const rows = node.map((n, i) => {
  const w = web[i];
  return [
    n.k,
    n.d,
    us(n.typed),
    us(n.assign),
    us(n.tfjs),
    `${n.ratio.toFixed(0)}×`,
    us(w.typed),
    us(w.assign),
    us(w.tfjs),
    `${w.ratio.toFixed(0)}×`,
  ];
});
printTable('Scoring speed', header, rows);
const goal = (r) => r.k === 64 && r.d === 64;
const [n64, w64] = [node.find(goal), web.find(goal)];
const verdict = (r) =>
  `${us(r.typed)} µs (${r.typed <= 20 ? 'meets' : 'misses'} ≤ 20 µs), ${r.ratio.toFixed(0)}× faster than tfjs (${r.ratio >= 20 ? 'meets' : 'misses'} ≥ 20×)`;
console.log(`\nk = d = 64: Node ${verdict(n64)}; Chromium ${verdict(w64)}`);
if (!process.argv.includes('--no-write')) {
  writeSection(
    'score',
    `## Scoring speed\n\n\`node bench/score.mjs\` (part of \`npm run bench\`): median of 5 batches per cell, in µs per visitor. ` +
      '"typed" is nearest centroid over typed arrays (distances + argmin, what the engine runs); "assign" adds softmax confidence and the ' +
      'explanation; "tfjs" is the same nearest-centroid math with tfjs-core ops (sub, square, sum, argMin) on the CPU backend from ' +
      'the edgeseg tfjs chunk; × is tfjs / typed. Node and Debian Chromium (headless), same run, same data.\n\n' +
      `${table(header, rows)}\n\nGoal k = d = 64: ≤ 20 µs and ≥ 20× faster than tfjs. Node: ${verdict(n64)}. Chromium: ${verdict(w64)}.`,
  );
}
