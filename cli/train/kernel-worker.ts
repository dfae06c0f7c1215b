import { parentPort } from 'node:worker_threads';
import { runKernel, type KernelName, type KernelParams, type KernelState } from './kernels';

/**
 * Worker thread entry (built to dist/cli-worker.mjs): runs k-means kernels on the blocks
 * it claims from the shared counter until none is left, then says "done". The arrays
 * are shared memory, attached once; only the small per-call parameters travel.
 */
let state: KernelState | null = null;

parentPort?.on(
  'message',
  (
    m:
      | { type: 'attach'; state: KernelState }
      | {
          type: 'run';
          run: number;
          name: KernelName;
          params: KernelParams;
          counter: Int32Array;
          out: Float64Array;
          blocks: number;
        },
  ) => {
    if (m.type === 'attach') {
      state = m.state;
      return;
    }
    try {
      if (!state) throw new Error('no arrays attached');
      for (let b = Atomics.add(m.counter, 0, 1); b < m.blocks; b = Atomics.add(m.counter, 0, 1)) {
        runKernel(m.name, state, m.params, b, m.out);
        Atomics.add(m.counter, 1, 1);
      }
      parentPort?.postMessage({ run: m.run });
    } catch (error) {
      parentPort?.postMessage({ run: m.run, error: (error as Error).message });
    }
  },
);
