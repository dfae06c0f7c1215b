import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, basename } from 'node:path';

/** Reads a text file, transparently gunzipping `.gz`; every error names the file. */
export function readText(path: string): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? (error as Error).message)}`,
    );
  }
  if (!path.endsWith('.gz')) return buffer.toString('utf8');
  try {
    return gunzipSync(buffer).toString('utf8');
  } catch (error) {
    throw new Error(`${path}: not a readable gzip file (${(error as Error).message})`);
  }
}

/** Reads and parses a JSON file, naming the file in the error. */
export function readJson<T>(path: string): T {
  try {
    return JSON.parse(readText(path)) as T;
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(message.includes(path) ? message : `${path}: ${message}`);
  }
}

/**
 * Writes through a temporary file and a rename, so a failed run never leaves half a file.
 * Errors name the file asked for, never the hidden temporary one.
 */
export function writeAtomic(path: string, content: string, mode?: number): void {
  const dir = dirname(path);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(`cannot write ${path}: the folder ${dir} does not exist`);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content, mode === undefined ? {} : { mode });
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot write ${path}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? (error as Error).message)}`,
    );
  }
}
