import { parseArgs, stringFlag, UsageError } from '../args';
import { readBundleFile } from '../bundle-file';
import { writeAtomic } from '../io';
import { loadPrivateKey } from '../keys/load-key';
import { signBundle } from '../keys/sign-bundle';

/** `edgeseg sign --help`. */
export const signHelp = `edgeseg sign BUNDLE.json --key PRIVATE_KEY [--out FILE] [--kid NAME]

Signs a bundle with ES256 over its canonical JSON (what the SDK verifies).

  --key FILE      private key: JWK (with "d") or PEM (PKCS#8 or SEC1)
  --out FILE      signed bundle to write (default: BUNDLE.json itself, atomically)
  --kid NAME      key id to record (default: the key's own kid)

The bundle is validated first: an invalid bundle is never signed.`;

/** `edgeseg sign`: validates, then signs a bundle (ES256 over canonical JSON). */
export async function sign(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const args = parseArgs(argv);
  const path = args.positional[0];
  if (!path) throw new UsageError('which bundle? (edgeseg sign BUNDLE.json --key KEY)');
  const key = loadPrivateKey(stringFlag(args, 'key'));
  const { raw } = readBundleFile(path);
  const kid = args.flags.get('kid');
  const signed = await signBundle(raw, key, typeof kid === 'string' ? kid : undefined);
  const out = stringFlag(args, 'out', path);
  writeAtomic(out, JSON.stringify(signed, null, 2) + '\n');
  log(`signed ${path}${signed.signature.kid ? ` with key ${signed.signature.kid}` : ''}; wrote ${out}`);
  return 0;
}
