// @vitest-environment node
// On a real server (Node, no document): both bindings render the default and start nothing.
import { createElement as h } from 'react';
import { renderToString as renderReact } from 'react-dom/server';
import { createSSRApp, defineComponent, h as vh } from 'vue';
import { renderToString as renderVue } from 'vue/server-renderer';
import { describe, expect, it } from 'vitest';
import * as react from './react';
import * as vue from './vue';

const HERO = { shopper: 'Compare lamps', default: 'Shop now' };
const config = { bundle: '/segments/bundle.json' };

describe('server rendering', () => {
  it('React: the provider and hooks render the default, with no client', () => {
    const Shop = () => {
      const hero = react.usePersonalize('hero', HERO);
      const client = react.useEdgeseg();
      const segment = react.useSegment();
      return h('p', null, `${hero}|${client === null}|${segment === null}`);
    };
    expect(typeof document).toBe('undefined');
    expect(renderReact(h(react.EdgesegProvider, { config }, h(Shop)))).toBe('<p>Shop now|true|true</p>');
  });

  it('Vue: the plugin creates no client without a document; the composables render the default', async () => {
    const Shop = defineComponent(() => {
      const hero = vue.usePersonalize('hero', HERO);
      const client = vue.useEdgeseg();
      const consent = vue.useConsent();
      return () => vh('p', `${hero.value}|${client === null}|${consent.value === null}`);
    });
    const html = await renderVue(createSSRApp(Shop).use(vue.createEdgeseg({ config })));
    expect(html).toBe('<p>Shop now|true|true</p>');
  });
});
