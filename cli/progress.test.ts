import { describe, expect, it } from 'vitest';
import { progressBar } from './progress';

describe('progressBar', () => {
  it('draws on a terminal, throttled, and clears its line at the end', () => {
    const written: string[] = [];
    let now = 0;
    const bar = progressBar('training', { isTTY: true, columns: 60, write: (t) => written.push(t) }, () => now);
    bar.update(0.25);
    bar.update(0.3); // within 100 ms: skipped
    now = 200;
    bar.update(0.5);
    bar.done();
    expect(written).toHaveLength(3);
    expect(written[0]).toMatch(/^\rtraining \[#+-+\]  25%$/);
    expect(written[1]).toContain(' 50%');
    expect(written[2]).toBe('\r\x1b[2K');
  });
  it('writes nothing when the stream is not a terminal (pipes, CI logs)', () => {
    const written: string[] = [];
    const bar = progressBar('training', { isTTY: false, write: (t) => written.push(t) });
    bar.update(0.5);
    bar.done();
    expect(written).toEqual([]);
  });
});
