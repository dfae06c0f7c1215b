// The README's screenshot, taken from the real demo in Chromium so it never goes stale:
// serves the demo (demo/serve.mjs), plays the "Product browser" of the simulator panel
// and captures the page it lands on. `npm run screenshot` (after a build) writes
// docs/demo.png; an argument names another file.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.argv[2] ?? `${root}docs/demo.png`;

const demo = spawn(process.execPath, [`${root}demo/serve.mjs`], {
  env: { ...process.env, PORT: '0', EDGESEG_SIMULATE: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const url = await new Promise((resolve, reject) => {
    let text = '';
    demo.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /demo shop: (http:\/\/127\.0\.0\.1:\d+)\//.exec(text);
      if (match) resolve(match[1]);
    });
    demo.on('exit', (code) => reject(new Error(`the demo exited with ${code}: ${text}`)));
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 960, height: 720 }, deviceScaleFactor: 1 });
    // The persona plays thirteen page views: on a busy machine that takes far longer than when idle.
    page.setDefaultTimeout(120_000);
    await page.goto(`${url}/category.html`);
    // The demo holds out 10% of visitors from personalization: a visitor key that is not.
    await page.evaluate(() => localStorage.setItem('edgeseg:key', 'visitor-1'));
    await page.locator('[data-persona="product-browser"]').click();
    await page.waitForURL(`${url}/`);
    await page.locator('.hero h1', { hasText: 'Still deciding?' }).waitFor();
    await page.locator('#map-caption', { hasText: 'Closest to' }).waitFor();
    await page.screenshot({ path: out, fullPage: true });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
  }
} finally {
  demo.kill();
}
