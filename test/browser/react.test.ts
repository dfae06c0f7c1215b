// edgeseg/react against real React in Chromium: React 19 (the root's) in the `browser`
// project, React 18 (test/react18/) in `browser-react18`, which aliases `react`.
import { createElement as h, version, StrictMode, type ReactNode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, inject, it } from 'vitest';
import { EdgesegProvider, useConsent, useEdgeseg, usePersonalize, useSegment } from '../../src/bindings/react';
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

function Shop(): ReactNode {
  const hero = usePersonalize('hero', HERO);
  const segment = useSegment();
  const consent = useConsent();
  const client = useEdgeseg();
  return h(
    'div',
    null,
    h('h1', { id: 'hero' }, hero),
    h('p', { id: 'segment' }, segment ? (segment.id ?? 'none') : 'unknown'),
    h('p', { id: 'consent' }, consent?.personalization ?? 'unknown'),
    h('button', { id: 'allow', onClick: () => void client?.consent.set({ personalization: true }) }, 'Allow'),
    h('button', { id: 'browse', onClick: () => browse(client) }, 'Browse'),
  );
}

/** Three more product pages: with the automatic one, four make a `shopper`. */
function browse(client: { page(): void } | null): void {
  for (let i = 0; i < 3; i++) client?.page();
}

describe(`edgeseg/react with React ${version}`, () => {
  it('runs against the intended React', () => {
    expect(version).toBe(inject('react') ?? '19.3.1');
  });

  it('shows the default while consent is pending, then the segment variant once consent is granted after mount', async () => {
    const el = container();
    const root = createRoot(el);
    root.render(h(StrictMode, null, h(EdgesegProvider, { config: bindingConfig() }, h(Shop))));
    await grantAfterMount(el);
    root.unmount();
  });

  it('hydrates the server HTML (the default) without a mismatch warning, then personalizes', async () => {
    rememberGrant();
    const app = (config?: ReturnType<typeof bindingConfig>): ReactNode =>
      h(EdgesegProvider, config ? { config } : {}, h(Shop));
    // The server has no client (nothing runs in renderToString's effects): the default.
    const html = renderToString(app());
    expect(html).toContain('Shop now');
    const el = container();
    el.innerHTML = html; // the test's own server output, as a server would send it
    const net = consoleNet();
    const recoverable: unknown[] = [];
    try {
      const root = hydrateRoot(el, app(bindingConfig()), { onRecoverableError: (e) => void recoverable.push(e) });
      await personalizesAfterHydration(el);
      root.unmount();
    } finally {
      net.restore();
    }
    expect(recoverable).toEqual([]);
    expect(net.messages).toEqual([]);
  });

  it('the mismatch net works: HTML that differs from the first client render is reported', async () => {
    const el = container();
    el.innerHTML = renderToString(h('p', null, 'server'));
    const net = consoleNet();
    const recoverable: unknown[] = [];
    try {
      const root = hydrateRoot(el, h('p', null, 'client'), { onRecoverableError: (e) => void recoverable.push(e) });
      await until(() => el.textContent, 'client');
      root.unmount();
    } finally {
      net.restore();
    }
    expect(recoverable.length + net.messages.length).toBeGreaterThan(0);
  });

  it('uses a client it is given without starting or stopping it', async () => {
    const client = createClient();
    await client.init(bindingConfig());
    await client.consent.set({ personalization: true });
    browse(client);
    const el = container();
    const root = createRoot(el);
    root.render(h(EdgesegProvider, { client }, h(Shop)));
    await until(() => text(el, 'hero'), 'Compare lamps');
    root.unmount();
    // Still running after the provider is gone: the page owns this client.
    expect(await client.personalize('hero', HERO)).toBe('Compare lamps');
    client.destroy();
  });

  it('without a provider, renders the default and never throws', async () => {
    const el = container();
    const root = createRoot(el);
    root.render(h(Shop));
    await until(() => text(el, 'hero'), 'Shop now');
    expect(text(el, 'consent')).toBe('unknown');
    root.unmount();
  });
});
