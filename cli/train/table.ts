import { CsvTable } from './csv';

/** Training input as a table: column names and rows of cells, with 1-based source line numbers. */
export interface Table {
  header: string[];
  rows: { line: number; cells: unknown[] }[];
}

/** A line that could not be read, by number. */
export interface BadLine {
  line: number;
  reason: string;
}

/** One parsed NDJSON line, or why it could not be parsed. */
export function parseNdjsonLines(text: string): { line: number; value: Record<string, unknown> }[] | BadLine {
  const out: { line: number; value: Record<string, unknown> }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return { line: i + 1, reason: 'not valid JSON' };
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      return { line: i + 1, reason: 'not a JSON object' };
    out.push({ line: i + 1, value: value as Record<string, unknown> });
  }
  return out;
}

/** NDJSON feature rows as a table: the header is every key seen, in first-seen order. */
export function ndjsonTable(text: string, skipBad: boolean): { table: Table; bad: BadLine[] } {
  const bad: BadLine[] = [];
  const parsed: { line: number; value: Record<string, unknown> }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const one = parseNdjsonLines(lines[i] as string);
    if (!Array.isArray(one)) {
      bad.push({ line: i + 1, reason: one.reason });
      if (!skipBad) break;
    } else if (one[0]) parsed.push({ line: i + 1, value: one[0].value });
  }
  const header: string[] = [];
  const seen = new Set<string>();
  for (const { value } of parsed)
    for (const key of Object.keys(value)) if (!seen.has(key)) (seen.add(key), header.push(key));
  return {
    table: { header, rows: parsed.map(({ line, value }) => ({ line, cells: header.map((h) => value[h]) })) },
    bad,
  };
}

/** CSV text as a table (delimiter detected unless given). */
export function csvTable(text: string, delimiter?: string): { table: CsvTable; bad: BadLine[] } {
  return CsvTable.parse(text, delimiter);
}
