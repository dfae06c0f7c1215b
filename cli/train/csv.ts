/** A parsed CSV: header names and rows of raw strings, with 1-based source line numbers. */
export interface Csv {
  header: string[];
  rows: { line: number; cells: string[] }[];
}

/** The delimiter used by the header line: `;`, tab or `,`, whichever splits it most. */
export function detectDelimiter(headerLine: string): string {
  const counts = [';', '\t', ','].map((d) => [d, headerLine.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ',';
}

/** Splits one line, honouring double-quoted cells with `""` escapes. */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * A row that keeps its line and splits it when asked: a million parsed rows would
 * otherwise hold millions of small strings (about 1 GB for a 40 MB file).
 */
class CsvRow {
  constructor(
    readonly line: number,
    private readonly _text: string,
    private readonly _delimiter: string,
  ) {}

  get cells(): string[] {
    return splitLine(this._text, this._delimiter);
  }
}

/** Parses CSV text. Lines whose cell count differs from the header are reported by number. */
export function parseCsv(text: string, delimiter?: string): { csv: Csv; bad: { line: number; reason: string }[] } {
  const lines = text.split(/\r?\n/);
  const headerLine = lines[0] ?? '';
  if (headerLine.trim() === '') throw new Error('the input is empty');
  const delim = delimiter ?? detectDelimiter(headerLine);
  const header = splitLine(headerLine, delim).map((h) => h.trim());
  const rows: Csv['rows'] = [];
  const bad: { line: number; reason: string }[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    const count = splitLine(raw, delim).length;
    if (count !== header.length)
      bad.push({ line: i + 1, reason: `${count} cells where the header has ${header.length}` });
    else rows.push(new CsvRow(i + 1, raw, delim));
  }
  return { csv: { header, rows }, bad };
}
