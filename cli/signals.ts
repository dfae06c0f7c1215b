/** The part of `process` the signal handler needs (a fake in tests). */
export interface SignalTarget {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): void;
}

const CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Ctrl-C or a `kill` ends the CLI with a line saying so and the shell's conventional exit
 * code (128 + signal number), instead of vanishing silently. Every output goes through a
 * temporary file and a rename (`writeAtomic`), so whatever was interrupted left no
 * half-written file behind.
 */
export function exitOnSignals(target: SignalTarget, err: (line: string) => void = console.error): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    target.on(signal, () => {
      err(`edgeseg: interrupted (${signal}); outputs are written whole or not at all, so none is half-written`);
      target.exit(CODES[signal]);
    });
  }
}
