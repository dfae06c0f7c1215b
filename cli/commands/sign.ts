import { parseArgs, stringFlag, UsageError } from '../args';
import { readBundleFile } from '../bundle-file';
import { writeAtomic } from '../io';
import { loadPrivateKey } from '../keys/load-key';
import { pinWeights } from '../keys/pin-weights';
import { signBundle } from '../keys/sign-bundle';

/** `edgeseg sign --help`. */
export const signHelp = `edgeseg sign BUNDLE.json --key PRIVATE_KEY [--out FILE] [--kid NAME]

Signs a bundle with ES256 over its canonical JSON (what the SDK verifies).

  --key FILE      private key: JWK (with "d") or PEM (PKCS#8 or SEC1)
  --out FILE      signed bundle to write (default: BUNDLE.json itself, atomically)
  --kid NAME      key id to record (default: the key's own kid)

The bundle is validated first: an invalid bundle is never signed. A bundle whose tfjs
network loads binary weights (tfjs.weightsUrl) gets tfjs.weightsSha256 set from the
weights file, found relative to BUNDLE.json: the signature covers the hash, and so the
file (the SDK refuses a signed bundle with weightsUrl and no hash). If the file is not
there, an existing weightsSha256 is kept; with neither, signing fails.`;

/** `edgeseg sign`: validates, then signs a bundle (ES256 over canonical JSON). */
export async function sign(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const args = parseArgs(argv);
  const path = args.positional[0];
  if (!path) throw new UsageError('which bundle? (edgeseg sign BUNDLE.json --key KEY)');
  const key = loadPrivateKey(stringFlag(args, 'key'));
  const { raw } = readBundleFile(path, { unsigned: true });
  const pinned = pinWeights(raw, path);
  const kid = args.flags.get('kid');
  const signed = await signBundle(raw, key, typeof kid === 'string' ? kid : undefined);
  const out = stringFlag(args, 'out', path);
  writeAtomic(out, JSON.stringify(signed, null, 2) + '\n');
  if (pinned) log(pinned);
  log(`signed ${path}${signed.signature.kid ? ` with key ${signed.signature.kid}` : ''}; wrote ${out}`);
  return 0;
}
