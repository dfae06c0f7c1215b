// The visitors the "simulate a visitor" panel can play: each a visit of pages with the
// seconds spent on each. Shared by the page (demo/ui/simulate.js) and the test that
// checks each persona ends in its segment (test/unit/demo-personas.test.ts).

/** @typedef {{ path: string, type: string, seconds: number }} Step */
/** @typedef {{ id: string, name: string, segment: string, summary: string, steps: Step[] }} Persona */

const lamp = { path: '/product-lamp.html', type: 'product' };
const mug = { path: '/product-mug.html', type: 'product' };
const chair = { path: '/product-chair.html', type: 'product' };
const category = { path: '/category.html', type: 'category' };
const at = (page, seconds) => ({ ...page, seconds });
const products = (n, seconds) => Array.from({ length: n }, (_, i) => at([category, lamp, mug, chair][i % 4], seconds));

/** @type {Persona[]} */
export const PERSONAS = [
  {
    id: 'product-browser',
    name: 'Product browser',
    segment: 'shopper',
    summary: '16 product and category pages, 40 s each; no account or information pages',
    steps: products(16, 40),
  },
  {
    id: 'member',
    name: 'Member',
    segment: 'member',
    summary: 'signs in, checks orders, then 8 product pages',
    steps: [
      at({ path: '/account.html', type: 'account' }, 60),
      at({ path: '/orders.html', type: 'orders' }, 45),
      ...products(8, 30),
      at({ path: '/account.html', type: 'account' }, 30),
    ],
  },
  {
    id: 'researcher',
    name: 'Researcher',
    segment: 'researcher',
    summary: 'reads the FAQ, shipping and about pages, signs in, then 10 product pages',
    steps: [
      at({ path: '/faq.html', type: 'faq' }, 90),
      at({ path: '/shipping.html', type: 'shipping' }, 60),
      at({ path: '/about.html', type: 'about' }, 45),
      at({ path: '/account.html', type: 'account' }, 40),
      ...products(10, 40),
    ],
  },
  {
    id: 'quick-visitor',
    name: 'Quick visitor',
    segment: 'newcomer',
    summary: 'two pages, 10 s each',
    steps: [at(lamp, 10), at(category, 10)],
  },
];
