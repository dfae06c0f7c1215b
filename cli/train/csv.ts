import { POW10 } from './decimal';
import type { BadLine, Table } from './table';

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

/** Reads one cell (its text) as a number, `undefined` when missing; throws when it is not one. */
export type CellReader = (cell: string) => number | undefined;

/** Raw values read from a table: n rows × the columns asked for, NaN where missing. */
export interface RawColumns {
  raws: Float64Array;
  n: number;
  skipped: number;
}

/** Grows an Int32Array by doubling (line offsets of a file of unknown length). */
function grown(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size < a.length) return a;
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * A CSV file held as its text and the offsets of its good lines. A million-row file would
 * otherwise be a million line strings and several million cell strings (about 1 GB, and
 * seconds of garbage collection); numbers are read straight from the text instead
 * ({@link CsvTable.readColumns}), and `rows` is only built if something asks for it.
 */
export class CsvTable implements Table {
  private _rows: Table['rows'] | null = null;

  private constructor(
    readonly header: string[],
    private readonly _text: string,
    private readonly _delimiter: string,
    private readonly _starts: Int32Array,
    private readonly _ends: Int32Array,
    private readonly _lines: Int32Array,
    readonly count: number,
  ) {}

  /** Scans CSV text: lines whose cell count differs from the header are reported by number. */
  static parse(text: string, delimiter?: string): { table: CsvTable; bad: BadLine[] } {
    const firstEnd = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
    const headerLine = text.slice(0, firstEnd).replace(/\r$/, '');
    if (headerLine.trim() === '') throw new Error('the input is empty');
    const delim = delimiter ?? detectDelimiter(headerLine);
    const header = splitLine(headerLine, delim).map((h) => h.trim());
    let starts = new Int32Array(1024);
    let ends = new Int32Array(1024);
    let lines = new Int32Array(1024);
    const bad: BadLine[] = [];
    let n = 0;
    let line = 1;
    let quote = text.indexOf('"', firstEnd + 1);
    for (let pos = firstEnd + 1; pos < text.length;) {
      const nl = text.indexOf('\n', pos);
      const next = nl < 0 ? text.length : nl + 1;
      let end = nl < 0 ? text.length : nl;
      if (end > pos && text.charCodeAt(end - 1) === 13) end--;
      line++;
      const start = pos;
      pos = next;
      if (end === start || (text.charCodeAt(start) <= 32 && text.slice(start, end).trim() === '')) continue;
      let cells = 1;
      // The next quote in the text, found once and not per line (a search from every line
      // of a file without quotes would scan the rest of the file each time).
      if (quote >= 0 && quote < start) quote = text.indexOf('"', start);
      if (quote >= 0 && quote < end) cells = splitLine(text.slice(start, end), delim).length;
      else for (let at = text.indexOf(delim, start); at >= 0 && at < end; at = text.indexOf(delim, at + 1)) cells++;
      if (cells !== header.length) {
        bad.push({ line, reason: `${cells} cells where the header has ${header.length}` });
        continue;
      }
      starts = grown(starts, n);
      ends = grown(ends, n);
      lines = grown(lines, n);
      starts[n] = start;
      ends[n] = end;
      lines[n] = line;
      n++;
    }
    return { table: new CsvTable(header, text, delim, starts, ends, lines, n), bad };
  }

  /** The rows as cell strings, built on first use (plots, outcome columns of other inputs). */
  get rows(): Table['rows'] {
    this._rows ??= Array.from({ length: this.count }, (_, r) => {
      const text = this._text.slice(this._starts[r], this._ends[r]);
      const delimiter = this._delimiter;
      return {
        line: this._lines[r] as number,
        get cells() {
          return splitLine(text, delimiter);
        },
      };
    });
    return this._rows;
  }

  /**
   * The values of `columns` (header indexes) for every row, n × columns.length, NaN where
   * missing. Plain decimals are read in place ({@link fastDecimal}); any other cell, and
   * every cell of a line with quotes, goes through its column's `read` (the training
   * spec's `rawValue`), so both paths give the same numbers. A row whose cell `read`
   * refuses fails the whole read, or with `skipBad` is left out and counted.
   */
  readColumns(
    columns: readonly number[],
    read: readonly CellReader[],
    fast: readonly boolean[],
    skipBad: boolean,
  ): RawColumns {
    const d = columns.length;
    const text = this._text;
    const delim = this._delimiter;
    const raws = new Float64Array(this.count * d);
    // Feature positions in the order their columns appear on a line.
    const order = columns.map((_, j) => j).sort((a, b) => (columns[a] as number) - (columns[b] as number));
    const delimCode = delim.charCodeAt(0);
    let n = 0;
    let skipped = 0;
    let quote = this.count > 0 ? text.indexOf('"', this._starts[0]) : -1;
    for (let r = 0; r < this.count; r++) {
      const start = this._starts[r] as number;
      const end = this._ends[r] as number;
      const base = n * d;
      if (quote >= 0 && quote < start) quote = text.indexOf('"', start);
      try {
        if (quote >= 0 && quote < end) {
          const cells = splitLine(text.slice(start, end), delim);
          for (let j = 0; j < d; j++)
            raws[base + j] = (read[j] as CellReader)(cells[columns[j] as number] as string) ?? NaN;
        } else {
          let column = 0;
          let from = start;
          for (let o = 0; o < order.length; o++) {
            const c = columns[order[o] as number] as number;
            const j = order[o] as number;
            while (column < c) {
              from = text.indexOf(delim, from) + 1;
              column++;
            }
            // A plain decimal is read while looking for the cell's end (one pass over it).
            let value = NaN;
            let to = from;
            if (fast[j]) {
              let mantissa = 0;
              let digits = 0;
              let fraction = -1;
              let negative = false;
              let ch = to < end ? text.charCodeAt(to) : delimCode;
              if (ch === 45) {
                negative = true;
                ch = ++to < end ? text.charCodeAt(to) : delimCode;
              }
              for (; ch !== delimCode; ch = ++to < end ? text.charCodeAt(to) : delimCode) {
                if (ch >= 48 && ch <= 57) {
                  mantissa = mantissa * 10 + (ch - 48);
                  digits++;
                  if (fraction >= 0) fraction++;
                } else if (ch === 46 && fraction < 0) fraction = 0;
                else break;
              }
              if (ch === delimCode && digits > 0 && digits <= 15) {
                value = fraction > 0 ? mantissa / (POW10[fraction] as number) : mantissa;
                if (negative) value = -value;
              }
            }
            if (value !== value) {
              to = text.indexOf(delim, from);
              if (to < 0 || to > end) to = end;
              value = (read[j] as CellReader)(text.slice(from, to)) ?? NaN;
            }
            raws[base + j] = value;
            from = to + 1;
            column++;
          }
        }
        n++;
      } catch (error) {
        if (!skipBad)
          throw new Error(`line ${this._lines[r]}: ${(error as Error).message} (--skip-bad to skip such rows)`);
        skipped++;
      }
    }
    return { raws, n, skipped };
  }
}

/** Parses CSV text into header and rows of cells. Lines whose cell count differs from the header are reported by number. */
export function parseCsv(text: string, delimiter?: string): { csv: Csv; bad: BadLine[] } {
  const { table, bad } = CsvTable.parse(text, delimiter);
  return { csv: { header: table.header, rows: table.rows as Csv['rows'] }, bad };
}
