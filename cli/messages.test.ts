import { EventEmitter } from 'node:events';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratch } from '../test/helpers/run-cli';
import { generateKeyPair } from './keys/sign-bundle';
import { exitOnSignals } from './signals';

const { dir, file, spec } = scratch('edgeseg-messages-');
const rows = `products;articles\n${Array.from({ length: 40 }, (_, i) => `${i % 5};${(i * 3) % 7}`).join('\n')}\n`;
const input = file('rows.csv', rows);
const BUNDLE = 'test/fixtures/cli/pages.signed.json';

const run = runCli;

let privateJwk: Record<string, unknown>;
beforeAll(async () => {
  privateJwk = { ...(await generateKeyPair('t')).privateJwk };
});

describe('messages', () => {
  it('a missing output folder is named, not a hidden temporary file', async () => {
    const out = join(dir, 'no-such-folder', 'b.json');
    const r = await run('train', '--input', input, '--spec', spec, '--k', '2', '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`edgeseg train: cannot write ${out}: the folder ${join(dir, 'no-such-folder')} does not exist`);
    expect(r.err).not.toMatch(/\.tmp|ENOENT/);
  });

  it('a broken .gz file is named', async () => {
    const bad = file('rows.csv.gz', 'this is not gzip');
    const r = await run('train', '--input', bad, '--spec', spec, '--out', join(dir, 'x.json'));
    expect(r.err).toBe(`edgeseg train: ${bad}: not a readable gzip file (incorrect header check)`);
    const cut = file('cut.csv.gz', gzipSync(rows).subarray(0, 30));
    expect((await run('train', '--input', cut, '--spec', spec, '--out', join(dir, 'x.json'))).err).toMatch(
      new RegExp(`^edgeseg train: ${cut}: not a readable gzip file \\(`),
    );
  });

  it('a JWK that is not a P-256 point, or a private key with a wrong d, is named', async () => {
    const pub = JSON.parse(JSON.stringify(privateJwk));
    delete pub.d;
    pub.x = `${pub.x.slice(0, -4)}AAAA`;
    const badPub = file('bad.public.jwk.json', JSON.stringify(pub));
    const v = await run('verify', BUNDLE, '--key', badPub);
    expect(v.code).toBe(1);
    expect(v.err).toBe(`edgeseg verify: ${badPub}: not a valid P-256 public key (x, y is not a point on the curve)`);
    const i = await run('inspect', BUNDLE, '--key', badPub);
    expect(i.err).toMatch(new RegExp(`${badPub}: not a valid P-256 public key`));
    const badD = file('bad-d.private.jwk.json', JSON.stringify({ ...privateJwk, d: 'AAAA' }));
    const s = await run('sign', BUNDLE, '--key', badD, '--out', join(dir, 's.json'));
    expect(s.err).toBe(`edgeseg sign: ${badD}: not a valid P-256 private key ("d" must be 32 bytes)`);
    const other = await generateKeyPair('u');
    const mixed = file('mixed.private.jwk.json', JSON.stringify({ ...privateJwk, d: other.privateJwk.d }));
    expect((await run('sign', BUNDLE, '--key', mixed, '--out', join(dir, 's.json'))).err).toBe(
      `edgeseg sign: ${mixed}: not a valid P-256 private key ("d" does not belong to x, y)`,
    );
  });

  it('a usage error is one line that points at --help', async () => {
    const r = await run('train', '--input', input);
    expect(r.code).toBe(2);
    expect(r.err).toBe('edgeseg train: --spec is required (see "edgeseg train --help")');
    const unknown = await run('train', '--nope');
    expect(unknown.err).toBe('edgeseg train: unknown option --nope (see "edgeseg train --help")');
    const command = await run('trian');
    expect(command.code).toBe(2);
    expect(command.err).toBe('edgeseg: unknown command "trian" (see "edgeseg --help")');
  });

  it('an unknown feature in the spec is reported before any data is read', async () => {
    const badSpec = file('bad-spec.json', JSON.stringify({ features: [{ name: 'session.pagez.product' }] }));
    const r = await run(
      'train',
      '--input',
      join(dir, 'does-not-exist.csv'),
      '--spec',
      badSpec,
      '--out',
      join(dir, 'x.json'),
    );
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `edgeseg train: ${badSpec}: features[0].name "session.pagez.product" is not a catalogue feature (see docs/profile.md)`,
    );
  });

  it('hexadecimal, binary and octal notations are not numbers in CSV cells', async () => {
    for (const cell of ['0x10', '0b11', '0o17']) {
      const bad = file('hex.csv', `${rows}${cell};1\n`);
      const r = await run('train', '--input', bad, '--spec', spec, '--k', '2', '--out', join(dir, 'x.json'));
      expect(r.code, cell).toBe(1);
      expect(r.err, cell).toMatch(new RegExp(`line 42: column "products": "${cell}" is not a number`));
    }
    const fine = file('fine.csv', `${rows}+1.5e1;.5\n`);
    expect((await run('train', '--input', fine, '--spec', spec, '--k', '2', '--out', join(dir, 'x.json'))).code).toBe(
      0,
    );
  });

  it('SIGINT and SIGTERM say what happened and exit 130 / 143', () => {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const exits: number[] = [];
      const proc = Object.assign(new EventEmitter(), { exit: (c: number) => void exits.push(c) });
      const err: string[] = [];
      exitOnSignals(proc, (l) => err.push(l));
      proc.emit(signal);
      expect(err).toEqual([
        `edgeseg: interrupted (${signal}); outputs are written whole or not at all, so none is half-written`,
      ]);
      expect(exits).toEqual([code]);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
