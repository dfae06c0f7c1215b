// The demo shop's pages: one layout, a page type each, slots with a variant per segment.
import { readFileSync } from 'node:fs';

const stub = readFileSync(new URL('../src/stub.js', import.meta.url), 'utf8').trim();
// Runs before the SDK: the simulator's accelerated time (see demo/ui/clock.js).
const clock = readFileSync(new URL('./ui/clock.js', import.meta.url), 'utf8').trim();

const NAV = [
  ['/', 'Home'],
  ['/category.html', 'Lamps'],
  ['/product-lamp.html', 'Arc lamp'],
  ['/product-mug.html', 'Stone mug'],
  ['/product-chair.html', 'Oak chair'],
  ['/shipping.html', 'Shipping'],
  ['/faq.html', 'FAQ'],
  ['/about.html', 'About'],
  ['/account.html', 'Account'],
  ['/orders.html', 'Orders'],
];

const hero = `
<section class="hero" data-edgeseg-slot="hero">
  <h1>Northwind Goods</h1><p>Well-made things for the home. Free returns within 30 days.</p>
  <template data-edgeseg-variant="shopper"><h1>Still deciding?</h1><p>Compare the lamps you looked at side by side, with free delivery over €50.</p></template>
  <template data-edgeseg-variant="member"><h1>Welcome back</h1><p>Your member discount of 10% applies to everything today.</p></template>
  <template data-edgeseg-variant="researcher"><h1>Every detail, answered</h1><p>Materials, sizes and delivery times are listed on every product page.</p></template>
  <template data-edgeseg-variant="newcomer"><h1>New here?</h1><p>Start with our best sellers: the Arc lamp and the Stone mug.</p></template>
</section>`;

const offer = `
<aside class="offer" data-edgeseg-slot="offer">
  <p>Sign up for our newsletter for early access to new collections.</p>
  <template data-edgeseg-variant="shopper"><p><strong>Free delivery</strong> on your first order over €50.</p></template>
  <template data-edgeseg-variant="member"><p><strong>Your orders</strong> ship free, always.</p></template>
  <template data-edgeseg-variant="researcher"><p><strong>Questions?</strong> Read our <a href="/faq.html">FAQ</a> or our <a href="/shipping.html">shipping guide</a>.</p></template>
</aside>`;

const PAGES = {
  '/': { type: 'home', title: 'Home', body: '<p>Lamps, ceramics and furniture from small workshops.</p>' },
  '/category.html': {
    type: 'category',
    title: 'Lamps',
    body: '<ul><li><a href="/product-lamp.html">Arc lamp</a></li><li><a href="/product-mug.html">Stone mug</a></li><li><a href="/product-chair.html">Oak chair</a></li></ul>',
  },
  '/product-lamp.html': {
    type: 'product',
    title: 'Arc lamp',
    body: '<p>€129. Brushed brass, linen shade.</p><button data-edgeseg-track="add_to_cart" data-edgeseg-label="arc-lamp">Add to cart</button>',
  },
  '/product-mug.html': {
    type: 'product',
    title: 'Stone mug',
    body: '<p>€18. Glazed stoneware, 350 ml.</p><button data-edgeseg-track="add_to_cart" data-edgeseg-label="stone-mug">Add to cart</button>',
  },
  '/product-chair.html': {
    type: 'product',
    title: 'Oak chair',
    body: '<p>€240. Solid oak, oiled.</p><button data-edgeseg-track="add_to_cart" data-edgeseg-label="oak-chair">Add to cart</button>',
  },
  '/shipping.html': { type: 'shipping', title: 'Shipping', body: '<p>Delivery in 2–4 working days across the EU.</p>' },
  '/faq.html': { type: 'faq', title: 'FAQ', body: '<p>Can I return an item? Yes, within 30 days.</p>' },
  '/about.html': { type: 'about', title: 'About us', body: '<p>We work with twelve workshops in four countries.</p>' },
  '/account.html': { type: 'account', title: 'Your account', body: '<p>Signed in as a demo member.</p>' },
  '/orders.html': { type: 'orders', title: 'Your orders', body: '<p>No open orders.</p>' },
};

/**
 * The demo's experiment, in the config (the trained bundle stays as `train` wrote it): a
 * 10% holdout that never sees personalization, and a test of the personalized offer
 * against the default one. Goals: adding to cart, and a purchase with its value (the traffic
 * simulator's buyers, demo/simulate.mjs, make one). Reports go to the demo's collector only
 * for visitors who allow measurement.
 */
const measurement = (collectUrl) => ({
  holdout: { share: 0.1 },
  experiments: [
    {
      id: 'offer-test',
      slots: ['offer'],
      arms: [
        { id: 'control', weight: 1 },
        { id: 'personalized', weight: 1 },
      ],
    },
  ],
  goals: [
    { id: 'add_to_cart', event: 'add_to_cart' },
    { id: 'purchase', event: 'purchase', value: 'value' },
  ],
  dataLayer: {},
  ...(collectUrl && { beacon: { url: collectUrl, flushInterval: 5000 } }),
});

/** The HTML of a demo page, or null for an unknown path. */
export function renderPage(path, { collectUrl = '' } = {}) {
  const page = PAGES[path];
  if (!page) return null;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="edgeseg:page-type" content="${page.type}">
<title>${page.title} · Northwind Goods</title>
<link rel="stylesheet" href="/shop.css">
<script>${clock}</script>
<script>${stub}</script>
<script>window.edgesegConfig = ${JSON.stringify({ transparency: true, measurement: measurement(collectUrl) })};</script>
<script async src="/edgeseg.iife.js" data-bundle="/segments/bundle.json"></script>
<script type="module" src="/ui/main.js"></script>
</head>
<body>
<header><nav>${NAV.map(([href, label]) => `<a href="${href}"${href === path ? ' aria-current="page"' : ''}>${label}</a>`).join(' ')}</nav></header>
<main>
${path === '/' ? hero : ''}
<h2>${page.title}</h2>
${page.body}
${offer}
</main>
<footer>
  <!-- The transparency widget's place: in the page flow, so it covers no control (see docs/rendering.md). -->
  <p data-edgeseg-why></p>
</footer>
<aside id="demo-tools" aria-label="Demo tools">
  <h2>Demo tools <small>(not part of the shop)</small></h2>
  <section id="simulator"></section>
  <section id="switcher"></section>
  <section id="map"></section>
</aside>
</body>
</html>`;
}
