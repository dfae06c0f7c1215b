import { edgesegError, type EdgesegError } from '../lib/errors';

/** One URL rule: a compiled path pattern and the page type it gives. */
export interface PageTypeRule {
  pattern: RegExp;
  type: string;
}

/** `*` one path segment, `**` anything; the rest literal; the whole path must match. */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*|\*/g, (star) => (star === '**' ? '.*' : '[^/]*'));
  return new RegExp(`^${body}$`);
}

/**
 * Compiles `collect.pageTypes` (`{ "/p/*": "product" }`, in order). Entries that are not
 * a path pattern with a short type are skipped and reported as `config_invalid`.
 */
export function compilePageTypes(
  rules: Record<string, unknown>,
  report: (error: EdgesegError) => void,
): PageTypeRule[] {
  const out: PageTypeRule[] = [];
  for (const [glob, type] of Object.entries(rules)) {
    if (
      glob.startsWith('/') &&
      glob.length <= 256 &&
      typeof type === 'string' &&
      /^[A-Za-z0-9_.:-]{1,64}$/.test(type)
    ) {
      out.push({ pattern: globToRegExp(glob), type });
    } else {
      report(
        edgesegError(
          'config_invalid',
          `edgeseg: invalid config: collect.pageTypes["${glob.slice(0, 80)}"] must map a path starting with / to a page type name`,
          { path: 'collect.pageTypes' },
        ),
      );
    }
  }
  return out;
}

/** Reads a declaration: `<meta name="edgeseg:NAME">`, else `data-edgeseg-NAME` on `<body>`. */
export function readDeclared(doc: Document, name: string): string | null {
  const meta = doc.querySelector(`meta[name="edgeseg:${name}"]`)?.getAttribute('content')?.trim();
  if (meta) return meta.slice(0, 64);
  const body = doc.body?.getAttribute(`data-edgeseg-${name}`)?.trim();
  return body ? body.slice(0, 64) : null;
}

/**
 * The page type: `<meta name="edgeseg:page-type">`, else `data-edgeseg-page-type` on
 * `<body>`, else the first URL rule matching the path. `null` when nothing says.
 */
export function readPageType(doc: Document, path: string, rules: readonly PageTypeRule[]): string | null {
  return readDeclared(doc, 'page-type') ?? rules.find((rule) => rule.pattern.test(path))?.type ?? null;
}
