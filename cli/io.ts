import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, basename } from 'node:path';

/** Reads a text file, transparently gunzipping `.gz`. */
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
  return (path.endsWith('.gz') ? gunzipSync(buffer) : buffer).toString('utf8');
}

/** Reads and parses a JSON file, naming the file in the error. */
export function readJson<T>(path: string): T {
  try {
    return JSON.parse(readText(path)) as T;
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

/** Writes through a temporary file and a rename, so a failed run never leaves half a file. */
export function writeAtomic(path: string, content: string, mode?: number): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, content, mode === undefined ? {} : { mode });
  try {
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
