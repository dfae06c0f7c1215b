import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test/helpers/run-cli';
import expected from '../test/fixtures/import/expected-assignments.json';
import { transformFeature } from '../src/features/compute-features';

let dir: string;
const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

const run = runCli;

const SPEC = {
  features: [
    { name: 'session.pages.product', column: 'products' },
    { name: 'session.pages.article', column: 'articles', label: 'articles' },
  ],
};
const rowsCsv = (extra = '') =>
  `products;articles\n${Array.from({ length: 60 }, (_, i) => (i % 2 ? `${10 + (i % 5)};0` : `0;${6 + (i % 3)}`)).join('\n')}\n${extra}`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edgeseg-cli-'));
  file('spec.json', JSON.stringify(SPEC));
});

describe('edgeseg train', () => {
  it('reads a gzipped input as is: the UCI shoppers file shipped in data/', async () => {
    const out = join(dir, 'uci.json');
    const r = await run(
      'train',
      '--input',
      'data/online_shoppers_intention.csv.gz',
      '--spec',
      'demo/segments/uci.spec.json',
      '--k',
      '4',
      '--seed',
      '7',
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(json(out).training).toMatchObject({ rows: 12_330, skipped: 0, k: 4 });
  });

  it('trains a reproducible bundle with ids, labels, descriptions and training statistics', async () => {
    const input = file('rows.csv', rowsCsv());
    file('labels.json', JSON.stringify({ 'segment-1': { id: 'shopper', label: 'Shopper' } }));
    const a = await run(
      'train',
      '--input',
      input,
      '--spec',
      join(dir, 'spec.json'),
      '--k',
      '2',
      '--labels',
      join(dir, 'labels.json'),
      '--out',
      join(dir, 'a.json'),
    );
    expect(a.code).toBe(0);
    const bundle = json(join(dir, 'a.json'));
    expect(bundle.segments[0]).toMatchObject({ id: 'shopper', label: 'Shopper' });
    expect(bundle.segments[1].description).toMatch(/^30 of 60 rows, against the others: (more|fewer|less) /);
    expect(bundle.segments[1].label).toMatch(/^(More|Fewer|Less) /);
    expect(bundle.training).toMatchObject({
      rows: 60,
      skipped: 0,
      k: 2,
      seed: 1,
      sizes: [30, 30],
      algorithm: 'hamerly',
    });
    expect(bundle.training.silhouette).toBeGreaterThan(0.8);
    expect(bundle.training.features[1]).toMatchObject({
      name: 'session.pages.article',
      column: 'articles',
      min: 0,
      max: 8,
    });
    await run(
      'train',
      '--input',
      input,
      '--spec',
      join(dir, 'spec.json'),
      '--k',
      '2',
      '--labels',
      join(dir, 'labels.json'),
      '--out',
      join(dir, 'b.json'),
    );
    expect(json(join(dir, 'b.json')).model).toEqual(bundle.model);
  });
  it('--k auto prints the scan table and writes an SVG plot', async () => {
    const r = await run(
      'train',
      '--input',
      join(dir, 'rows.csv'),
      '--spec',
      join(dir, 'spec.json'),
      '--k',
      'auto',
      '--k-range',
      '2..4',
      '--out',
      join(dir, 'auto.json'),
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/k\s+inertia\s+silhouette/);
    expect(r.out).toMatch(/^\*\s+2\s/m);
    const svg = readFileSync(join(dir, 'auto.k-scan.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<polyline');
    expect(json(join(dir, 'auto.json')).training.scan).toHaveLength(3);
  });
  it('reads NDJSON feature rows and raw events (features by the browser reducer)', async () => {
    const nd = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify(i % 2 ? { products: 9 + (i % 3), articles: 0 } : { products: 0, articles: 5 }),
    ).join('\n');
    expect(
      (
        await run(
          'train',
          '--input',
          file('rows.ndjson', nd),
          '--spec',
          join(dir, 'spec.json'),
          '--k',
          '2',
          '--out',
          join(dir, 'nd.json'),
        )
      ).code,
    ).toBe(0);
    const events: string[] = [];
    for (let v = 0; v < 30; v++) {
      const type = v % 2 ? 'product' : 'article';
      for (let p = 0; p < 3 + (v % 4); p++)
        events.push(
          JSON.stringify({
            visitor: `v${v}`,
            kind: 'page',
            name: 'page_view',
            t: 1e12 + p * 30_000,
            props: { pageType: type },
          }),
        );
    }
    const r = await run(
      'train',
      '--input',
      file('events.ndjson', events.join('\n')),
      '--spec',
      join(dir, 'spec.json'),
      '--k',
      '2',
      '--out',
      join(dir, 'ev.json'),
    );
    expect(r.code).toBe(0);
    const bundle = json(join(dir, 'ev.json'));
    expect(bundle.training.rows).toBe(30);
    expect(bundle.training.features[0]).toMatchObject({ name: 'session.pages.product', max: 6 });
  });
  it.each([
    ['a malformed line', rowsCsv('1;2;3\n'), [], /line 62: 3 cells where the header has 2.*--skip-bad/],
    ['a non-numeric value', rowsCsv('x;1\n'), [], /line 62: column "products": "x" is not a number/],
    [
      'a missing column',
      'products;other\n1;2\n',
      [],
      /column "articles" \(feature session.pages.article\) is not in the input/,
    ],
    [
      'k larger than the rows',
      'products;articles\n1;2\n3;4\n',
      ['--k', '3'],
      /k \(3\) is larger than the number of usable rows \(2\)/,
    ],
    [
      'a constant column',
      'products;articles\n1;0\n2;0\n3;0\n',
      ['--k', '2'],
      /feature session.pages.article \(column "articles"\) is constant \(0 in all 3 rows\)/,
    ],
    ['an empty file', '', [], /the file is empty/],
    ['a header without rows', 'products;articles\n', [], /no data rows/],
  ])('fails clearly on %s, with exit 1 and no bundle', async (_, text, extra, message) => {
    const out = join(dir, `bad-${readdirSync(dir).length}.json`);
    const r = await run(
      'train',
      '--input',
      file('bad.csv', text),
      '--spec',
      join(dir, 'spec.json'),
      '--out',
      out,
      ...extra,
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
  it('--skip-bad skips and counts malformed lines and bad cells', async () => {
    const r = await run(
      'train',
      '--input',
      file('skip.csv', rowsCsv('1;2;3\nx;1\n')),
      '--spec',
      join(dir, 'spec.json'),
      '--k',
      '2',
      '--skip-bad',
      '--out',
      join(dir, 'skip.json'),
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/on 60 rows .*\(2 skipped\)/);
  });
  it('answers --help for every command and exits 2 on usage errors', async () => {
    for (const c of ['train', 'keygen', 'sign', 'verify', 'inspect', 'import', 'replay']) {
      const r = await run(c, '--help');
      expect(r.code, c).toBe(0);
      expect(r.out, c).toContain(`edgeseg ${c}`);
    }
    const usage = (await run('--help')).out;
    for (const c of ['train', 'keygen', 'sign', 'verify', 'inspect', 'import', 'replay'])
      expect(usage, c).toMatch(new RegExp(`^  ${c}\\s+[A-Z]\\w+ `, 'm'));
    expect((await run('train', '--input', 'x.csv')).code).toBe(2);
    expect((await run('train', '--input', 'x', '--spec', 'y', '--out', 'z', '--algorithm', 'magic')).err).toMatch(
      /--algorithm must be one of/,
    );
  });
});

describe('edgeseg keygen, sign, verify', () => {
  it('signs with JWK or PEM keys and verifies with the SDK code; tampering fails', async () => {
    expect((await run('keygen', '--kid', 'k1', '--out-dir', join(dir, 'keys'))).code).toBe(0);
    expect((await run('keygen', '--kid', 'k1', '--out-dir', join(dir, 'keys'))).err).toMatch(/already exist; --force/);
    cpSync(join(dir, 'a.json'), join(dir, 's.json'));
    expect((await run('sign', join(dir, 's.json'), '--key', join(dir, 'keys/k1.private.jwk.json'))).code).toBe(0);
    expect(json(join(dir, 's.json')).signature).toMatchObject({ alg: 'ES256', kid: 'k1' });
    expect((await run('verify', join(dir, 's.json'), '--key', join(dir, 'keys/k1.public.jwk.json'))).code).toBe(0);
    expect(
      (
        await run(
          'sign',
          join(dir, 's.json'),
          '--key',
          join(dir, 'keys/k1.private.pem'),
          '--kid',
          'k1',
          '--out',
          join(dir, 'p.json'),
        )
      ).code,
    ).toBe(0);
    expect((await run('verify', join(dir, 'p.json'), '--key', join(dir, 'keys/k1.public.pem'))).code).toBe(0);
    const tampered = json(join(dir, 'p.json'));
    tampered.model.centroids[0][0] += 0.001;
    writeFileSync(join(dir, 't.json'), JSON.stringify(tampered));
    const bad = await run('verify', join(dir, 't.json'), '--key', join(dir, 'keys/k1.public.pem'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bundle_signature_invalid/);
    expect((await run('verify', join(dir, 'a.json'), '--key', join(dir, 'keys/k1.public.pem'))).err).toMatch(
      /bundle_signature_missing/,
    );
  });
  it('sign pins binary tfjs weights (weightsSha256 from the file beside the bundle); verify refuses unpinned ones', async () => {
    const { mkdirSync } = await import('node:fs');
    const { createHash } = await import('node:crypto');
    mkdirSync(join(dir, 'w/models'), { recursive: true });
    // Two inputs, one unit: two weights and a bias.
    const weights = Buffer.from(new Float32Array([1, 2, 3]).buffer);
    writeFileSync(join(dir, 'w/models/net.bin'), weights);
    const base = json(join(dir, 'a.json'));
    const tfjs = { layers: [{ units: 1, activation: 'sigmoid' }], outputs: ['churn'], weightsUrl: 'models/net.bin' };
    expect(base.features).toHaveLength(2);
    writeFileSync(join(dir, 'w/b.json'), JSON.stringify({ ...base, tfjs }));
    const key = join(dir, 'keys/k1.private.jwk.json');
    const signed = await run('sign', join(dir, 'w/b.json'), '--key', key);
    expect(signed.code).toBe(0);
    expect(signed.out).toMatch(/set tfjs.weightsSha256 from .*net\.bin/);
    const sha = createHash('sha256').update(weights).digest('base64url');
    expect(json(join(dir, 'w/b.json')).tfjs.weightsSha256).toBe(sha);
    expect((await run('verify', join(dir, 'w/b.json'), '--key', join(dir, 'keys/k1.public.pem'))).code).toBe(0);

    // A weights file that is not beside the bundle, and no hash: nothing is signed.
    writeFileSync(join(dir, 'w/far.json'), JSON.stringify({ ...base, tfjs: { ...tfjs, weightsUrl: '/cdn/net.bin' } }));
    const far = await run('sign', join(dir, 'w/far.json'), '--key', key);
    expect(far.code).toBe(1);
    expect(far.err).toMatch(/is not a file beside .*set tfjs.weightsSha256/);
    expect(json(join(dir, 'w/far.json')).signature).toBeUndefined();

    // A signed bundle with unpinned weights (signed by other tooling): verify refuses it.
    const unpinned = json(join(dir, 'w/b.json'));
    delete unpinned.tfjs.weightsSha256;
    writeFileSync(join(dir, 'w/u.json'), JSON.stringify(unpinned));
    const bad = await run('verify', join(dir, 'w/u.json'), '--key', join(dir, 'keys/k1.public.pem'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bundle_invalid.*tfjs\.weightsSha256/);
    // ...and sign repairs it: the old signature is replaced, the hash set.
    expect((await run('sign', join(dir, 'w/u.json'), '--key', key)).code).toBe(0);
    expect(json(join(dir, 'w/u.json')).tfjs.weightsSha256).toBe(sha);
  });

  it('fails clearly on an unreadable or wrong key', async () => {
    expect((await run('sign', join(dir, 'a.json'), '--key', join(dir, 'nope.pem'))).err).toMatch(
      /cannot read key file .*nope.pem: ENOENT/,
    );
    expect((await run('sign', join(dir, 'a.json'), '--key', join(dir, 'keys/k1.public.jwk.json'))).err).toMatch(
      /this is a public key/,
    );
    expect((await run('sign', join(dir, 'a.json'), '--key', file('junk.pem', 'hello'))).err).toMatch(
      /neither a JWK \(JSON\) nor a PEM key/,
    );
  });
});

describe('edgeseg inspect', () => {
  it('summarises segments, sizes and signature, and draws the profile and PCA plots', async () => {
    const r = await run(
      'inspect',
      join(dir, 'p.json'),
      '--key',
      join(dir, 'keys/k1.public.pem'),
      '--svg-dir',
      join(dir, 'svg'),
      '--input',
      join(dir, 'rows.csv'),
      '--spec',
      join(dir, 'spec.json'),
      '--sample',
      '40',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/signature: valid \(key k1\)/);
    expect(r.out).toMatch(/shopper\s+30\s+50\.0%\s+Shopper: /);
    const profile = readFileSync(join(dir, 'svg/p.profile.svg'), 'utf8');
    expect(profile.match(/<rect x="\d+" y="\d+" width="90"/g)).toHaveLength(4);
    const pca = readFileSync(join(dir, 'svg/p.pca.svg'), 'utf8');
    expect(pca.match(/r="2.2"/g)).toHaveLength(40);
    expect(pca).toContain('fill="#1f77b4"');
    expect(pca).toContain('fill="#ff7f0e"');
    expect((await run('inspect', join(dir, 't.json'), '--key', join(dir, 'keys/k1.public.pem'))).out).toMatch(
      /signature: INVALID: bundle_signature_invalid/,
    );
  });
});

describe('edgeseg import', () => {
  const F = 'test/fixtures/import';
  /** The cluster index the bundle assigns to a raw row (the importer keeps cluster order). */
  function nearestSegment(bundle: { features: never[]; model: { centroids: number[][] } }, row: number[]): number {
    const x = bundle.features.map((f, j) => transformFeature(f, row[j]));
    const d = bundle.model.centroids.map((c) => c.reduce((s, v, j) => s + (v - x[j]!) ** 2, 0));
    return d.indexOf(Math.min(...d));
  }
  it.each([
    ['sklearn', [`${F}/sklearn.json`]],
    ['spark', [`${F}/spark.json`]],
    ['spark', [`${F}/spark-3.5`]],
    ['bigquery', [`${F}/bigquery-centroids.csv`, '--feature-info', `${F}/bigquery-feature-info.json`]],
    ['bigquery', [`${F}/bigquery-centroids.json`, '--feature-info', `${F}/bigquery-feature-info.json`]],
  ] as const)('%s: assigns the real check rows to the clusters the source system predicts', async (kind, args) => {
    const out = join(dir, `imp-${kind}.json`);
    const r = await run('import', kind, ...args, '--spec', 'demo/segments/uci.spec.json', '--out', out);
    expect(r.err).toBe('');
    const bundle = json(out);
    expect(bundle.training.source).toBe(kind);
    expect(expected.rows.map((row) => nearestSegment(bundle, row))).toEqual(expected[kind]);
  });
  it('spark: reads a bare KMeansModel directory given --features, and asks for them otherwise', async () => {
    const stage = `${F}/spark-3.5/stages/${readdirSync(`${F}/spark-3.5/stages`).find((s) => s.startsWith('2_'))}`;
    expect(
      (await run('import', 'spark', stage, '--spec', 'demo/segments/uci.spec.json', '--out', join(dir, 'bare.json')))
        .err,
    ).toMatch(/bare KMeansModel: pass --features/);
    const r = await run(
      'import',
      'spark',
      stage,
      '--features',
      expected.columns.join(','),
      '--spec',
      'demo/segments/uci.spec.json',
      '--out',
      join(dir, 'bare.json'),
    );
    expect(r.code).toBe(0);
    const centres = json(`${F}/spark.json`).cluster_centers as number[][];
    expect(json(join(dir, 'bare.json')).model.centroids).toEqual(
      centres.map((c) => c.map((v) => Number(v.toFixed(6)))),
    );
  });
  it('refuses unmapped features and categorical BigQuery features', async () => {
    file('map.json', JSON.stringify({ features: [{ name: 'pages', column: 'ProductRelated' }] }));
    expect(
      (
        await run(
          'import',
          'sklearn',
          `${F}/sklearn.json`,
          '--spec',
          join(dir, 'map.json'),
          '--out',
          join(dir, 'x.json'),
        )
      ).err,
    ).toMatch(/model features without a mapping in the spec: Administrative,/);
    const cat = file(
      'cat.json',
      JSON.stringify([
        {
          centroid_id: 1,
          feature: 'country',
          numerical_value: null,
          categorical_value: [{ category: 'DE', value: 1 }],
        },
      ]),
    );
    expect(
      (await run('import', 'bigquery', cat, '--spec', join(dir, 'map.json'), '--out', join(dir, 'x.json'))).err,
    ).toMatch(/"country" is categorical/);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });
});

describe('edgeseg replay', () => {
  it('runs the shared spec cases with the test runner and fails on a mismatch', async () => {
    const ok = await run('replay', '--cases', 'test/cases');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/(\d+) of \1 cases pass/);
    const cases = join(dir, 'cases');
    cpSync('test/cases', cases, { recursive: true });
    const spec = json(join(cases, 'shopper-by-products.json'));
    spec.expect.segment = 'reader';
    writeFileSync(join(cases, 'shopper-by-products.json'), JSON.stringify(spec));
    const bad = await run('replay', '--cases', cases, '--bundles', 'test/fixtures/bundles');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/FAIL shopper-by-products.json[\s\S]*segment shopper ≠ reader/);
  });
  it("gives each visitor's segment over time", async () => {
    const lines = [
      { visitor: 'a', kind: 'page', name: 'page_view', t: 0, props: { pageType: 'home' } },
      ...[1, 2, 3, 4].map((i) => ({
        visitor: 'a',
        kind: 'page',
        name: 'page_view',
        t: i * 20_000,
        props: { pageType: 'product' },
      })),
      { visitor: 'b', kind: 'page', name: 'page_view', t: 0, props: { pageType: 'article' } },
    ].map((l) => JSON.stringify(l));
    const out = join(dir, 'timeline.ndjson');
    const r = await run(
      'replay',
      '--events',
      file('ev2.ndjson', lines.join('\n')),
      '--bundle',
      'test/fixtures/bundles/pages.json',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const points = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(points.filter((p) => p.visitor === 'a').map((p) => p.segment)).toEqual(['visitor', 'shopper']);
    expect(r.out).toMatch(/2 visitors; final segments: shopper 1, /);
  });
});

describe('options', () => {
  it('refuses an option the command does not have, writing nothing', async () => {
    const result = await run('keygen', '--out', dir);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown option --out');
    expect(readdirSync(process.cwd()).filter((f) => f.includes('.private.'))).toEqual([]);
  });
});
