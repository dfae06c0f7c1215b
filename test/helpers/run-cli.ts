import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main';

/** The CLI run in-process: exit code and what it printed (lines, and joined). */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string; lines: string[] }> {
  const lines: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (l) => lines.push(String(l)),
    (l) => err.push(String(l)),
  );
  return { code, out: lines.join('\n'), err: err.join('\n'), lines };
}

/** The training spec most CLI tests use: product and article pages, from columns `products` and `articles`. */
export const PAGES_SPEC = {
  features: [
    { name: 'session.pages.product', column: 'products' },
    { name: 'session.pages.article', column: 'articles' },
  ],
};

/** A fresh temporary folder, a writer that returns each file's path, and PAGES_SPEC written there. */
export function scratch(prefix: string): {
  dir: string;
  file: (name: string, text: string | Buffer) => string;
  spec: string;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = (name: string, text: string | Buffer) => (writeFileSync(join(dir, name), text), join(dir, name));
  return { dir, file, spec: file('spec.json', JSON.stringify(PAGES_SPEC)) };
}
