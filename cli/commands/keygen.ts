import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, stringFlag } from '../args';
import { writeAtomic } from '../io';
import { generateKeyPair } from '../keys/sign-bundle';

/** `edgeseg keygen --help`. */
export const keygenHelp = `edgeseg keygen [--kid NAME] [--out-dir DIR] [--force]

Creates an ECDSA P-256 key pair for signing bundles, as JWK and PEM.

  --kid NAME      key id, written into the keys and into signatures (default: edgeseg-YYYYMMDD)
  --out-dir DIR   where to write the files (default: .)
  --force         overwrite existing key files

Writes NAME.private.jwk.json and NAME.private.pem (keep secret, mode 600),
NAME.public.jwk.json and NAME.public.pem (pin the public JWK in the SDK config).`;

/** `edgeseg keygen`: a new P-256 key pair as JWK and PEM files. */
export async function keygen(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, new Set(['force']));
  const kid = stringFlag(args, 'kid', `edgeseg-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`);
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(kid))
    throw new Error(`--kid must be 1-64 letters, digits or ._- (it names files)`);
  const dir = stringFlag(args, 'out-dir', '.');
  const files = {
    privateJwk: join(dir, `${kid}.private.jwk.json`),
    privatePem: join(dir, `${kid}.private.pem`),
    publicJwk: join(dir, `${kid}.public.jwk.json`),
    publicPem: join(dir, `${kid}.public.pem`),
  };
  const existing = Object.values(files).filter((f) => existsSync(f));
  if (existing.length > 0 && args.flags.get('force') !== true)
    throw new Error(`${existing.join(', ')} already exist; --force to overwrite`);
  mkdirSync(dir, { recursive: true });
  const pair = await generateKeyPair(kid);
  writeAtomic(files.privateJwk, JSON.stringify(pair.privateJwk, null, 2) + '\n', 0o600);
  writeAtomic(files.privatePem, pair.privatePem, 0o600);
  writeAtomic(files.publicJwk, JSON.stringify(pair.publicJwk, null, 2) + '\n');
  writeAtomic(files.publicPem, pair.publicPem);
  Object.values(files).forEach((f) => log(`wrote ${f}`));
  log(`public key to pin: ${JSON.stringify(pair.publicJwk)}`);
  return 0;
}
