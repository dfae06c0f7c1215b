// The data the demo, the tests and the benchmarks read ships in data/, gzip-compressed,
// with its citation, licence and checksum in data/README.md.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_DIR, dataFile, readDataText } from '../../scripts/data-files.mjs';

const readme = readFileSync(join(DATA_DIR, 'README.md'), 'utf8');

describe('shipped data (data/)', () => {
  const saved = process.env['EDGESEG_DATA_DIR'];
  afterEach(() => {
    if (saved === undefined) delete process.env['EDGESEG_DATA_DIR'];
    else process.env['EDGESEG_DATA_DIR'] = saved;
  });

  it.each(['online_shoppers_intention.csv', 'online_retail.csv'])(
    '%s.gz is there, matches the checksum in data/README.md, with citation and CC BY 4.0 licence',
    (name) => {
      const path = join(DATA_DIR, `${name}.gz`);
      expect(existsSync(path)).toBe(true);
      const section = readme.slice(readme.indexOf(`## ${name}.gz`)).split('\n## ')[0] as string;
      expect(section).toContain('doi:');
      expect(section).toContain('CC BY 4.0');
      const sha = /sha256 of the uncompressed CSV: `([0-9a-f]{64})`/.exec(section)?.[1];
      expect(
        createHash('sha256')
          .update(gunzipSync(readFileSync(path)))
          .digest('hex'),
      ).toBe(sha);
    },
  );

  it('is found in data/ by default and read compressed; EDGESEG_DATA_DIR overrides, and a missing file is an error', () => {
    delete process.env['EDGESEG_DATA_DIR'];
    const path = dataFile('online_shoppers_intention.csv');
    expect(path).toBe(join(DATA_DIR, 'online_shoppers_intention.csv.gz'));
    expect((readDataText(path) as string).split('\n', 1)[0]).toMatch(/^Administrative;Administrative_Duration;/);
    process.env['EDGESEG_DATA_DIR'] = mkdtempSync(join(tmpdir(), 'edgeseg-no-data-'));
    expect(() => dataFile('online_shoppers_intention.csv')).toThrow(/not found .*data\//);
  });
});
