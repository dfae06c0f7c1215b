import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { blockCount, runKernel, slotWidth, type KernelName, type KernelParams, type KernelState } from './kernels';

/** Runs a kernel over every block of rows; resolves to the blocks' slots, in block order. */
export interface BlockRunner {
  /** Hands the shared arrays to the threads; call again when they change. */
  attach(state: KernelState): void;
  run(name: KernelName, params: KernelParams): Promise<Float64Array>;
  /** Ends the worker threads. */
  close(): Promise<void>;
  /** Threads that run blocks, the calling one included. */
  readonly threads: number;
}

/** The worker script beside the built CLI (dist/cli-worker.mjs); absent when running from sources. */
function workerScript(): string | null {
  try {
    const path = join(dirname(fileURLToPath(import.meta.url)), 'cli-worker.mjs');
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The thread count asked for (`--threads`), else every core the process may use. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * A runner over `threads` threads: the calling thread plus `threads - 1` workers. Blocks
 * are handed out through a shared counter (Atomics.add), so a thread slowed down by other
 * work on the machine simply takes fewer; each block's result lands in its own slot, so
 * the sums do not depend on who ran what. Without the worker script (tests run the
 * TypeScript sources) or with one thread, every block runs on the calling thread.
 */
export function createBlockRunner(threads: number, n: number): BlockRunner {
  const script = workerScript();
  const blocks = blockCount(n);
  const count = script ? Math.max(0, Math.min(threads, blocks) - 1) : 0;
  // Node's own flags pass on to the workers, except those only valid for a main script
  // given as text (`node --input-type=module -e …` runs the CLI in the benches).
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
  const workers = Array.from({ length: count }, () => new Worker(script as string, { execArgv }));
  // A worker's "done" for a run, by run number; a late one (the run already over) is dropped.
  const waiting = new Map<number, () => void>();
  let failure: Error | null = null;
  for (const w of workers) {
    w.on('message', (m: { run: number; error?: string }) => {
      if (m.error) failure ??= new Error(`block runner: ${m.error}`);
      waiting.get(m.run)?.();
    });
    w.on('error', (error) => (failure ??= error));
  }
  let state: KernelState | null = null;
  let out = new Float64Array(new SharedArrayBuffer(8));
  let runs = 0;
  return {
    threads: count + 1,
    attach(s) {
      state = s;
      for (const w of workers) w.postMessage({ type: 'attach', state: s });
    },
    async run(name, params) {
      if (!state) throw new Error('block runner: nothing attached');
      const s = state;
      const size = blocks * slotWidth(name, params, s.d);
      if (out.length < size) out = new Float64Array(new SharedArrayBuffer(size * 8));
      // Per run: [0] the next block to claim, [1] blocks finished. A fresh pair each run, so
      // a worker that wakes up late for an old run finds nothing left to claim in it.
      const counter = new Int32Array(new SharedArrayBuffer(8));
      const run = ++runs;
      let pending = workers.length;
      const done = new Promise<void>((resolve) =>
        waiting.set(run, () => {
          if (--pending === 0) resolve();
        }),
      );
      for (const w of workers) w.postMessage({ type: 'run', run, name, params, counter, out, blocks });
      for (let b = Atomics.add(counter, 0, 1); b < blocks; b = Atomics.add(counter, 0, 1)) {
        runKernel(name, s, params, b, out);
        Atomics.add(counter, 1, 1);
      }
      // A worker still busy with a block is waited for; one that never got to this run is not.
      if (Atomics.load(counter, 1) < blocks) await done;
      waiting.delete(run);
      if (failure) throw failure;
      return out.subarray(0, size);
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
