import { verifyBundleSignature } from '../../src/bundle/signature';
import { parseArgs, stringFlag, UsageError } from '../args';
import { readBundleFile } from '../bundle-file';
import { loadPublicKeys } from '../keys/load-key';

/** `edgeseg verify --help`. */
export const verifyHelp = `edgeseg verify BUNDLE.json --key PUBLIC_KEY[,PUBLIC_KEY...]

Validates a bundle and checks its signature with the SDK's own verification code.

  --key FILES     comma-separated key files: JWK, JWK Set {"keys": [...]}, or PEM

Exits 0 when the bundle is valid and signed by one of the keys, 1 otherwise.`;

/** `edgeseg verify`: the SDK's own validation and signature check; throws (exit 1) on failure. */
export async function verify(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const args = parseArgs(argv);
  const path = args.positional[0];
  if (!path) throw new UsageError('which bundle? (edgeseg verify BUNDLE.json --key KEY)');
  const keys = loadPublicKeys(stringFlag(args, 'key').split(',').filter(Boolean));
  const { raw, bundle } = readBundleFile(path);
  const error = await verifyBundleSignature(raw, keys);
  if (error) throw new Error(`${path}: ${error.code}: ${error.message.replace(/^edgeseg: /, '')}`);
  const kid = (raw['signature'] as { kid?: string }).kid;
  log(
    `${path}: valid bundle (version ${bundle.version}, ${bundle.segments.length} segments), signature OK${kid ? ` (key ${kid})` : ''}`,
  );
  return 0;
}
