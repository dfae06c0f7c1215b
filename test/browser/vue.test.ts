// edgeseg/vue against real Vue 3 in Chromium: the plugin, the composables, a consent
// granted after mount, and SSR output hydrated without a mismatch warning.
import { createApp, createSSRApp, defineComponent, h, version } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { describe, expect, it } from 'vitest';
import { createEdgeseg, useConsent, useEdgeseg, usePersonalize, useSegment } from '../../src/bindings/vue';
import { createClient } from '../../src/index';
import {
  HERO,
  bindingConfig,
  consoleNet,
  container,
  grantAfterMount,
  personalizesAfterHydration,
  rememberGrant,
  text,
  until,
} from '../helpers/binding-app';

const Shop = defineComponent(() => {
  const hero = usePersonalize('hero', HERO);
  const segment = useSegment();
  const consent = useConsent();
  const client = useEdgeseg();
  // Three more product pages: with the automatic one, four make a `shopper`.
  const browse = (): void => {
    for (let i = 0; i < 3; i++) client?.page();
  };
  return () =>
    h('div', [
      h('h1', { id: 'hero' }, hero.value),
      h('p', { id: 'segment' }, segment.value ? (segment.value.id ?? 'none') : 'unknown'),
      h('p', { id: 'consent' }, consent.value?.personalization ?? 'unknown'),
      h('button', { id: 'allow', onClick: () => void client?.consent.set({ personalization: true }) }, 'Allow'),
      h('button', { id: 'browse', onClick: browse }, 'Browse'),
    ]);
});

describe(`edgeseg/vue with Vue ${version}`, () => {
  it('shows the default while consent is pending, then the segment variant once consent is granted after mount', async () => {
    const el = container();
    const app = createApp(Shop).use(createEdgeseg({ config: bindingConfig() }));
    app.mount(el);
    await grantAfterMount(el);
    app.unmount();
  });

  it('hydrates the server HTML (the default) without a mismatch warning, then personalizes', async () => {
    rememberGrant();
    // The server: the plugin creates no client without a document, the same as no plugin
    // here (where there is a document), and the composables ask only once mounted.
    const html = await renderToString(createSSRApp(Shop));
    expect(html).toContain('Shop now');
    const el = container();
    el.innerHTML = html; // the test's own server output, as a server would send it
    const net = consoleNet();
    const warnings: string[] = [];
    try {
      const app = createSSRApp(Shop).use(createEdgeseg({ config: bindingConfig() }));
      app.config.warnHandler = (msg) => void warnings.push(msg);
      app.mount(el);
      await personalizesAfterHydration(el);
      app.unmount();
    } finally {
      net.restore();
    }
    expect(warnings).toEqual([]);
    expect(net.messages).toEqual([]);
  });

  it('the mismatch net works: HTML that differs from the first client render is reported', async () => {
    const el = container();
    el.innerHTML = await renderToString(createSSRApp({ render: () => h('p', 'server') }));
    const net = consoleNet();
    const warnings: string[] = [];
    try {
      const app = createSSRApp({ render: () => h('p', 'client') });
      app.config.warnHandler = (msg) => void warnings.push(msg);
      app.mount(el);
      app.unmount();
    } finally {
      net.restore();
    }
    expect(warnings.length + net.messages.length).toBeGreaterThan(0);
  });

  it('uses a client it is given without starting or stopping it', async () => {
    const client = createClient();
    await client.init(bindingConfig());
    await client.consent.set({ personalization: true });
    for (let i = 0; i < 3; i++) client.page();
    const el = container();
    const app = createApp(Shop).use(createEdgeseg({ client }));
    app.mount(el);
    await until(() => text(el, 'hero'), 'Compare lamps');
    app.unmount();
    expect(await client.personalize('hero', HERO)).toBe('Compare lamps');
    client.destroy();
  });

  it('without the plugin, renders the default and never throws', async () => {
    const el = container();
    const app = createApp(Shop);
    app.mount(el);
    await until(() => text(el, 'hero'), 'Shop now');
    expect(text(el, 'consent')).toBe('unknown');
    app.unmount();
  });
});
