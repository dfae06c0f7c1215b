/** Something that can show a progress bar: stderr, or a fake in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * A one-line progress bar for long runs, redrawn at most every 100 ms. Drawn only when
 * the stream is a terminal: piped or redirected output (CI logs, files) stays clean.
 */
export function progressBar(
  label: string,
  stream: ProgressStream = process.stderr,
  now: () => number = () => performance.now(),
): { update(done: number): void; done(): void } {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = -Infinity;
  let drawn = false;
  const draw = (share: number) => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 10));
    const filled = Math.round(Math.min(1, Math.max(0, share)) * width);
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%`,
    );
    drawn = true;
  };
  return {
    update(share) {
      const t = now();
      if (t - last < 100) return;
      last = t;
      draw(share);
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
