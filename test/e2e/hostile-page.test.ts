import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { storageSeen, type PageErrors } from './browser';
import { pageWithTag, type TestServer } from './server';
import { useSession } from './session';

// Pages that attack the SDK by accident or on purpose. Whatever they do, the SDK must
// settle every promise it handed out, stay inert when it cannot start, store nothing,
// and throw nothing into the page.
let server: TestServer;
let page: Page;
let errors: PageErrors;
const session = useSession();
beforeEach(() => void ({ server, errors, page } = session));

const TAG = '<script async src="/edgeseg.iife.js" data-bundle="/bundles/pages.json"></script>';
const SLOT =
  '<div id="hero" data-edgeseg-slot="hero"><p>default</p><template data-edgeseg-variant="reader"><p>reader</p></template></div>';

/** Calls made through the stub before the SDK loads, each settling into `window.__settled`. */
const QUEUED = `<script>window.__settled = [];
const note = (name) => (value) => __settled.push(name);
edgeseg.ready.then(note('ready'));
edgeseg.consent.set({ personalization: true }).then(note('consent.set'));
edgeseg.segment().then(note('segment'));
edgeseg.personalize('hero', { reader: 'r', default: 'd' }).then((v) => __settled.push('personalize:' + v));
</script>`;

async function open(head: string, queued = QUEUED): Promise<void> {
  // The stub first, then the page's hostile script, then its calls, then the tag.
  const route = pageWithTag('', SLOT);
  route.body = String(route.body).replace('</head>', `${head}${queued}${TAG}</head>`);
  server.route('/hostile.html', route);
  await page.goto(`${server.url}/hostile.html`);
  await page.waitForFunction(() => (window as unknown as { __settled: string[] }).__settled.length >= 4);
}

const settled = () => page.evaluate(() => (window as unknown as { __settled: string[] }).__settled.sort());

describe('a hostile host page', () => {
  it('a throwing edgesegConfig getter: the SDK stays inert and every queued call settles', async () => {
    await open(
      `<script>Object.defineProperty(window, 'edgesegConfig', { get() { throw new Error('boom'); } });</script>`,
    );
    expect(await settled()).toEqual(['consent.set', 'personalize:d', 'ready', 'segment']);
    expect(await page.locator('#hero p').first().textContent()).toBe('default');
    expect(await storageSeen(page)).toEqual({ databases: [], localStorage: [], cookies: '' });
    expect(errors.list).toEqual([]);
  });

  it('an enumerable Object.prototype pollution: the SDK stays inert and every queued call settles', async () => {
    await open(`<script>Object.prototype.polluted = 1;</script>`);
    expect(await settled()).toEqual(['consent.set', 'personalize:d', 'ready', 'segment']);
    expect(await page.locator('#hero p').first().textContent()).toBe('default');
    expect(await storageSeen(page)).toEqual({ databases: [], localStorage: [], cookies: '' });
    expect(errors.list).toEqual([]);
  });

  it('calls queued in a loop before load are bounded: the newest 500 events are replayed, every promise settles', async () => {
    const flood = `<script>for (let i = 0; i < 20000; i++) edgeseg.track('flood', { i });</script>`;
    await open(flood);
    const events = await page.evaluate(async () => {
      const es = (
        window as unknown as {
          edgeseg: { exportData(): Promise<{ events: { name: string; props: { i?: number } }[] }> };
        }
      ).edgeseg;
      return (await es.exportData()).events.filter((e) => e.name === 'flood').map((e) => e.props.i);
    });
    expect(events).toHaveLength(500);
    expect(events[0]).toBe(19_500);
    expect(errors.list).toEqual([]);
  });
});
