import { describe, expect, it } from 'vitest';
import { CsvTable, parseCsv } from './csv';
import { rawValue, type TrainingFeature } from './training-spec';

const TEXT = [
  'a;b;"c"',
  '1.5;2;3',
  '',
  ' -0.25 ;NA;"4,5"\r',
  '"7";TRUE;1e3',
  '1;2',
  '  ',
  '0x10;.5;Returning',
  '12345678901234567;5.;+3',
].join('\n');

describe('CsvTable', () => {
  it('finds good lines, reports bad ones by number, and builds rows only when asked', () => {
    const { table, bad } = CsvTable.parse(TEXT);
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(table.count).toBe(5);
    expect(bad).toEqual([{ line: 6, reason: '2 cells where the header has 3' }]);
    expect(table.rows.map((r) => r.line)).toEqual([2, 4, 5, 8, 9]);
    expect(table.rows[1]!.cells).toEqual([' -0.25 ', 'NA', '4,5']);
    expect(parseCsv(TEXT).csv.rows.map((r) => r.cells[0])).toEqual([
      '1.5',
      ' -0.25 ',
      '7',
      '0x10',
      '12345678901234567',
    ]);
  });

  it('reads the same numbers in place as rawValue does from each cell', () => {
    const { table } = CsvTable.parse(TEXT);
    const features: TrainingFeature[] = [{ name: 'x' }, { name: 'y' }, { name: 'z', map: { Returning: 2, '1e3': 9 } }];
    const read = features.map((f) => (cell: string) => {
      try {
        return rawValue(f, cell);
      } catch {
        return -1; // a refused cell, marked, so the comparison covers it too
      }
    });
    const fast = table.readColumns([2, 0, 1], [read[2]!, read[0]!, read[1]!], [false, true, true], false);
    const slow = table.rows.flatMap((r) => [2, 0, 1].map((c) => read[c]!(r.cells[c] as string) ?? NaN));
    expect(fast.n).toBe(5);
    expect(Array.from(fast.raws)).toEqual(slow);
    expect(Array.from(fast.raws.subarray(0, 6))).toEqual([NaN, 1.5, 2, NaN, -0.25, NaN]);
  });

  it('names the line of a refused cell, or skips and counts it', () => {
    const { table } = CsvTable.parse('a\n1\nx\n2\n');
    const read = [(cell: string) => rawValue({ name: 'a' }, cell)];
    expect(() => table.readColumns([0], read, [true], false)).toThrow(/^line 3: "x" is not a number \(--skip-bad/);
    expect(table.readColumns([0], read, [true], true)).toMatchObject({ n: 2, skipped: 1 });
  });
});
