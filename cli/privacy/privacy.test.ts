// The privacy manifest, notice and CMP declarations (issue 17). The manifest is assembled
// from declarations beside the code; these tests fail when the code grows a feature or an
// event property the declarations do not cover. test/e2e/footprint.ts does the same for
// storage and requests, after every e2e test in real Chromium.
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from '../../test/helpers/run-cli';
import { campaignProps } from '../../src/collect/campaign';
import { clickProps } from '../../src/collect/clicks';
import { contextProps } from '../../src/collect/context';
import { AUTO_EVENT_FIELDS } from '../../src/collect/event-fields';
import { flattenItems } from '../../src/collect/flatten-items';
import { pageViewProps } from '../../src/collect/page-view';
import { isKnownFeature } from '../../src/features/catalogue';
import { LOOKUPS } from '../../src/features/category';
import { FEATURE_FAMILIES } from '../../src/features/families';
import { KEYED_METRICS, METRICS } from '../../src/features/profile-metrics';
import { klaroServices } from './cmp-declarations';
import { buildManifest, MANIFEST_FORMAT, resolveConfig, type Manifest } from './manifest';
import { noticeBlocks, noticeHtml, noticeMarkdown } from './notice';
import { NOTICE_EN } from './notice-en';

const covered = (name: string): boolean =>
  FEATURE_FAMILIES.some((f) =>
    f.name.endsWith('.<x>')
      ? name.startsWith(f.name.slice(0, -3)) && !name.slice(f.name.length - 3).includes('.')
      : f.name === name,
  );

describe('the manifest covers every feature and event property the code has', () => {
  it('every name the feature catalogue accepts belongs to a declared family, and every family is a real one', () => {
    // Candidate names from the catalogue's own code: every word in its name patterns.
    const source = [isKnownFeature.toString(), METRICS.source, KEYED_METRICS.source].join(' ');
    const words = new Set(source.match(/[a-z_]+(?:\\?\.[a-z_]+)*/g)?.map((w) => w.replace(/\\/g, '')) ?? []);
    const known = [...words].flatMap((w) => [w, `${w}.product`, `${w}.50`]).filter((name) => isKnownFeature(name));
    expect(known.length).toBeGreaterThan(40);
    expect(known.filter((name) => !covered(name))).toEqual([]);
    expect(Object.keys(LOOKUPS).filter((name) => !covered(name))).toEqual([]);
    for (const f of FEATURE_FAMILIES) {
      const name = f.name.replace('<x>', f.name.startsWith('scroll') ? '50' : 'product');
      expect(isKnownFeature(name) || Object.hasOwn(LOOKUPS, name) || name.startsWith('trait.'), name).toBe(true);
    }
  });

  it('every property the collectors put on an automatic event is declared', () => {
    document.head.innerHTML =
      '<meta name="edgeseg:page-type" content="product"><meta name="edgeseg:category" content="shoes"><meta name="edgeseg:product" content="p1">';
    const url = new URL(
      'https://shop.example/p?utm_source=a&utm_medium=b&utm_campaign=c&utm_content=d&utm_term=secret&q=x',
    );
    const page = {
      ...pageViewProps(document, url as unknown as Location, []),
      ...campaignProps(url as unknown as Location, 'https://news.example/story', false),
      ...contextProps(window, Date.now()),
    };
    const declared = (event: string, props: object) =>
      Object.keys(props).filter((key) => !Object.hasOwn(AUTO_EVENT_FIELDS[event] ?? {}, key));
    expect(Object.keys(page)).toEqual(expect.arrayContaining(['path', 'pageType', 'utm_source', 'referrer', 'device']));
    expect(declared('page_view', page)).toEqual([]);
    const el = document.createElement('button');
    for (const a of ['label', 'category', 'product', 'currency', 'value']) el.setAttribute(`data-edgeseg-${a}`, '3');
    expect(declared('click', clickProps(el))).toEqual([]);
    const items: Record<string, unknown> = {};
    flattenItems('items', [{ item_id: 'a', item_category: 'c', price: 2, quantity: 1 }], items as never);
    expect(declared('purchase', items)).toEqual([]);
  });
});

describe('buildManifest', () => {
  const defaults = buildManifest(resolveConfig({}));

  it('lists the database, its stores and records, the localStorage keys, no cookie, the requests', () => {
    expect(defaults.format).toBe(MANIFEST_FORMAT);
    const where = defaults.storage.map((s) => [s.where, s.name, s.store, s.record].filter(Boolean).join(' '));
    expect(where).toEqual([
      'indexedDB edgeseg events',
      'indexedDB edgeseg inbox',
      'indexedDB edgeseg aggregates',
      'indexedDB edgeseg kv bundle',
      'indexedDB edgeseg kv measure',
      'indexedDB edgeseg kv caps',
      'localStorage edgeseg:last',
      'localStorage edgeseg:key',
      'localStorage edgeseg:off',
      'localStorage edgeseg:consent',
    ]);
    expect(defaults.cookies).toEqual([]);
    expect(defaults.storage.find((s) => s.name === 'edgeseg:consent')?.purpose).toBeNull();
    expect(defaults.requests.map((r) => r.id)).toEqual([
      'weights',
      'chunk:config',
      'chunk:engine',
      'chunk:collect',
      'chunk:store',
      'chunk:consent',
      'chunk:tfjs',
      'chunk:overlay',
      'chunk:measure',
      'chunk:beacon',
      'chunk:shared',
    ]);
    expect(defaults.consent).toMatchObject({ mode: 'opt-in', keepPending: false, detect: true });
  });

  it("follows the site's config: retention, storage, the widget, the bundle URL, feature purposes, mappings", () => {
    const m = buildManifest(
      resolveConfig({
        bundle: '/segments/bundle.json',
        storage: 'memory',
        transparency: true,
        retention: { profileDays: 90 },
        consent: {
          mode: 'opt-out',
          receipts: 5,
          features: { trait: ['measurement'] },
          sources: { onetrust: { personalization: ['C0004'] } },
        },
      }),
      'site.json',
    );
    expect(m.config).toBe('site.json');
    expect(m.storage.map((s) => s.where)).toEqual(['localStorage', 'localStorage', 'localStorage', 'localStorage']);
    expect(m.storage.find((s) => s.name === 'edgeseg:consent')?.bound).toBe('one choice and the newest 5 receipts');
    expect(m.retention.profileDays).toBe(90);
    expect(m.requests.map((r) => r.id)).toContain('chunk:why');
    expect(m.requests.map((r) => r.id)).not.toContain('chunk:store');
    expect(m.requests[0]).toMatchObject({ id: 'bundle', url: '/segments/bundle.json' });
    expect(m.features.find((f) => f.name === 'trait.<x>')?.purposes).toEqual(['personalization', 'measurement']);
    expect(m.features.find((f) => f.name === 'pages')?.purposes).toEqual(['personalization']);
    expect(m.consent.sources.find((s) => s.name === 'onetrust')).toMatchObject({
      configured: true,
      mapping: 'personalization: C0004; measurement: C0002',
    });
    const withIdb = buildManifest(resolveConfig({ retention: { profileDays: 90, maxEvents: 100 } }));
    expect(withIdb.storage.find((s) => s.store === 'aggregates')?.retention).toContain('90 days');
    expect(withIdb.storage.find((s) => s.store === 'events')?.bound).toBe('100 events (the oldest go first)');
  });

  it("refuses an invalid config with the SDK's own message", () => {
    expect(() => resolveConfig({ retention: { profileDays: -1 } })).toThrow(/retention\.profileDays/);
  });
});

describe('the notice', () => {
  const m: Manifest = buildManifest(resolveConfig({ transparency: true }));

  it('Markdown: sections a privacy policy can take, with what is kept and for how long', () => {
    const md = noticeMarkdown(noticeBlocks(m, NOTICE_EN));
    expect(md.startsWith('## Personalization on this website\n')).toBe(true);
    expect(md).toContain('### Where it is kept and for how long');
    expect(md).toContain('395 days');
    expect(md).toContain('"Why am I seeing this?"');
    expect(md).not.toMatch(/\{\w+\}/); // every placeholder filled
  });

  it('HTML: every text escaped', () => {
    const html = noticeHtml(noticeBlocks(m, { ...NOTICE_EN, intro: '<script>alert(1)</script> & "x"' }));
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</p>');
    expect(html).not.toContain('<script>');
  });
});

describe('edgeseg privacy (CLI)', () => {
  const { file } = scratch('edgeseg-privacy-');

  it('manifest --config prints the manifest for that site', async () => {
    const config = file('site.json', JSON.stringify({ retention: { maxAgeDays: 7 } }));
    const r = await runCli('privacy', 'manifest', '--config', config);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(r.out) as Manifest;
    expect(manifest.format).toBe('edgeseg-manifest/1');
    expect(manifest.retention.maxAgeDays).toBe(7);
  });

  it('notice --format html; --print-text and --text for a translation, which must have every key', async () => {
    expect((await runCli('privacy', 'notice', '--format', 'html')).out).toMatch(
      /^<section class="edgeseg-privacy-notice">/,
    );
    const wording = JSON.parse((await runCli('privacy', 'notice', '--print-text')).out) as typeof NOTICE_EN;
    const fr = file('fr.json', JSON.stringify({ ...wording, title: 'Personnalisation sur ce site' }));
    expect((await runCli('privacy', 'notice', '--text', fr)).out).toMatch(/^## Personnalisation sur ce site/);
    const { choiceGpc: _, ...missing } = wording;
    const bad = file('bad.json', JSON.stringify(missing));
    const r = await runCli('privacy', 'notice', '--text', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('"choiceGpc" is missing');
  });

  it('declarations for OneTrust and Cookiebot (CSV), Klaro and TCF (JSON)', async () => {
    const onetrust = (await runCli('privacy', 'declarations', '--cmp', 'onetrust', '--host', 'shop.example')).out.split(
      '\n',
    );
    expect(onetrust[0]).toBe('Cookie Name,Host,Category,Lifespan,Type,Description');
    expect(onetrust).toHaveLength(11);
    expect(onetrust.find((l) => l.startsWith('edgeseg:consent,'))).toMatch(
      /^edgeseg:consent,shop\.example,C0001,0,Local Storage,/,
    );
    expect(onetrust.find((l) => l.startsWith('edgeseg / events,'))).toMatch(/,C0003,30,IndexedDB,/);
    const cookiebot = (await runCli('privacy', 'declarations', '--cmp', 'cookiebot')).out.split('\n');
    expect(cookiebot[0]).toBe('Name,Provider,Category,Purpose,Expiry,Type');
    expect(cookiebot.find((l) => l.startsWith('edgeseg / aggregates,'))).toMatch(/,Preferences,.*,395 days,IndexedDB$/);
    const tcf = JSON.parse((await runCli('privacy', 'declarations', '--cmp', 'tcf')).out);
    expect(tcf.personalization.map((p: { id: number }) => p.id)).toEqual([1, 5, 6]);
    const bad = await runCli('privacy', 'declarations', '--cmp', 'usercentrics');
    expect(bad.code).toBe(2);
  });

  it('Klaro: one service per service name the site maps purposes to', () => {
    const config = resolveConfig({
      consent: { sources: { klaro: { personalization: ['edgeseg'], measurement: ['edgeseg-stats'] } } },
    });
    const services = klaroServices(buildManifest(config), config);
    expect(services.map((s) => [s.name, s.purposes])).toEqual([
      ['edgeseg', ['personalization']],
      ['edgeseg-stats', ['measurement']],
    ]);
  });
});
