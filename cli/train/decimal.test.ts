import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTable } from './csv';
import { DECIMAL } from './decimal';

describe('reading decimals from CSV text', () => {
  it('reads plain decimals in place exactly as Number() does', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
            fc.integer({ min: 0, max: 9 }),
          ),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        (cells) => {
          const texts = cells.map(([v, places]) => v.toFixed(places));
          const { table } = CsvTable.parse(`x;y\n${texts.map((t) => `${t};1`).join('\n')}\n`);
          const read = [(cell: string) => (DECIMAL.test(cell.trim()) ? Number(cell) : undefined)];
          const { raws } = table.readColumns([0], read, [true], false);
          expect(Array.from(raws)).toEqual(texts.map(Number));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('the decimal pattern refuses other notations', () => {
    expect(['1', '-1.5e-3', '.5', '5.'].every((t) => DECIMAL.test(t))).toBe(true);
    expect(['0x10', '0b1', '0o7', 'Infinity', '1_000', ''].some((t) => DECIMAL.test(t))).toBe(false);
  });
});
