import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EVENTS_FORMAT, type Report } from '../collect/payload-schema';
import { isReport } from './is-report';

/** What reading the input found besides the reports: nothing is dropped without being counted. */
export interface InputSummary {
  files: string[];
  lines: number;
  /** Reports read (collector lines plus the reports inside whole payload lines). */
  reports: number;
  /** Lines that are not JSON objects (a torn last line after a crash counts here). */
  malformed: number;
  /** JSON objects, or reports inside a payload, that are not `edgeseg-events/1` reports. */
  invalid: number;
  /** Payload lines whose `format` is another version. */
  wrongVersion: number;
  /** Reports whose `id` was already read (the collector writes each once; merged folders may not). */
  duplicates: number;
  /** Up to 10 examples: `file:line: reason`. */
  problems: string[];
}

/** The files to read: every `events-*.ndjson` of a folder (sorted by day), or the files as given. */
export function inputFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => /^events-.*\.ndjson$/.test(name))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
}

/**
 * Streams NDJSON files line by line and hands every valid, first-seen report to `onReport`.
 * A line is a report as `edgeseg collect` writes it, or a whole `edgeseg-events/1` payload
 * (a raw request log). `onProgress` gets the share of bytes read.
 */
export async function readReports(
  files: readonly string[],
  onReport: (report: Report) => void,
  onProgress: (share: number) => void = () => {},
): Promise<InputSummary> {
  const summary: InputSummary = {
    files: [...files],
    lines: 0,
    reports: 0,
    malformed: 0,
    invalid: 0,
    wrongVersion: 0,
    duplicates: 0,
    problems: [],
  };
  const total = files.reduce((s, f) => s + statSync(f).size, 0) || 1;
  const seen = new Set<string>();
  let bytes = 0;
  const problem = (file: string, line: number, reason: string): void => {
    if (summary.problems.length < 10) summary.problems.push(`${file}:${line}: ${reason}`);
  };
  const take = (value: unknown, file: string, line: number): void => {
    if (!isReport(value)) {
      summary.invalid++;
      problem(file, line, 'not an edgeseg-events/1 report');
      return;
    }
    if (seen.has(value.id)) {
      summary.duplicates++;
      return;
    }
    seen.add(value.id);
    summary.reports++;
    onReport(value);
  };
  for (const file of files) {
    let rest = '';
    let lineNo = 0;
    const handle = (line: string): void => {
      lineNo++;
      if (line.trim() === '') return;
      summary.lines++;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        summary.malformed++;
        problem(file, lineNo, 'not a JSON object');
        return;
      }
      const format = (value as { format?: unknown }).format;
      if (format === undefined) return take(value, file, lineNo);
      if (format !== EVENTS_FORMAT) {
        summary.wrongVersion++;
        problem(file, lineNo, `format ${JSON.stringify(format)} is not ${EVENTS_FORMAT}`);
        return;
      }
      const events = (value as { events?: unknown }).events;
      if (!Array.isArray(events)) {
        summary.invalid++;
        problem(file, lineNo, 'payload without events[]');
        return;
      }
      for (const event of events) take(event, file, lineNo);
    };
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const text = rest + (chunk as string);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        handle(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
      bytes += Buffer.byteLength(chunk as string);
      onProgress(bytes / total);
    }
    if (rest) handle(rest);
  }
  onProgress(1);
  return summary;
}
