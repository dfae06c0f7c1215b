import { parseArgs, stringFlag, UsageError } from '../args';
import { readJson, writeAtomic } from '../io';
import { CMP_FORMATS, cmpDeclaration, type CmpFormat } from '../privacy/cmp-declarations';
import { buildManifest, resolveConfig } from '../privacy/manifest';
import { noticeBlocks, noticeHtml, noticeMarkdown, readNoticeText } from '../privacy/notice';
import { NOTICE_EN } from '../privacy/notice-en';

/** `edgeseg privacy --help`. */
export const privacyHelp = `edgeseg privacy manifest|notice|declarations [options]

For the privacy officer: what edgeseg stores, computes and sends on a site, from the code's own declarations.

  manifest                       the edgeseg-manifest/1 JSON document
  notice                         a privacy-notice section to paste into a privacy policy
  declarations --cmp NAME        entries for a consent manager: onetrust (CSV), cookiebot (CSV),
                                 klaro (services JSON), tcf (purpose mapping JSON)

  --config FILE   the site's edgeseg config (JSON, as passed to init()); default: the defaults
  --format FMT    notice: md (default) or html
  --text FILE     notice: a translation of the wording (see --print-text)
  --print-text    notice: print the English wording as JSON, to translate
  --host HOST     declarations: the site's host name for the Host/Provider column (default: the site)
  --cmp NAME      declarations: onetrust, cookiebot, klaro or tcf
  --out FILE      write to FILE instead of standard output`;

const SUBCOMMANDS = ['manifest', 'notice', 'declarations'];

/** `edgeseg privacy`: the manifest, the notice and the CMP declarations for a site's config. */
export function privacy(argv: readonly string[], log: (line: string) => void): number {
  const args = parseArgs(argv, new Set(['print-text']));
  const sub = args.positional[0];
  if (!sub || !SUBCOMMANDS.includes(sub)) throw new UsageError(`which one? ${SUBCOMMANDS.join(', ')}`);
  const configPath = args.flags.get('config');
  if (configPath === true) throw new UsageError('--config needs a file');
  const config = resolveConfig(configPath ? readJson<unknown>(configPath) : {});
  const manifest = buildManifest(config, configPath ?? 'defaults');
  let text: string;
  if (sub === 'manifest') text = JSON.stringify(manifest, null, 2) + '\n';
  else if (sub === 'notice') {
    if (args.flags.has('print-text')) text = JSON.stringify(NOTICE_EN, null, 2) + '\n';
    else {
      const format = stringFlag(args, 'format', 'md');
      if (format !== 'md' && format !== 'html') throw new UsageError('--format is md or html');
      const wording = args.flags.has('text') ? readNoticeText(stringFlag(args, 'text')) : NOTICE_EN;
      const blocks = noticeBlocks(manifest, wording);
      text = format === 'html' ? noticeHtml(blocks) : noticeMarkdown(blocks);
    }
  } else {
    const cmp = stringFlag(args, 'cmp');
    if (!(CMP_FORMATS as readonly string[]).includes(cmp))
      throw new UsageError(`--cmp is one of ${CMP_FORMATS.join(', ')}`);
    text = cmpDeclaration(cmp as CmpFormat, manifest, config, stringFlag(args, 'host', 'the site'));
  }
  const out = args.flags.get('out');
  if (typeof out === 'string') writeAtomic(out, text);
  else log(text.replace(/\n$/, ''));
  return 0;
}
