/**
 * The tfjs chunk (`dist/edgeseg.tfjs.mjs`): runs a bundle's small dense network with
 * tfjs-core on the CPU backend. Loaded only when a bundle carries a `tfjs` section.
 *
 * Only the ops and kernels used here are imported and registered (a custom tfjs build):
 * the full `@tensorflow/tfjs` is about ten times larger, and none of it runs `eval`.
 */
import '@tensorflow/tfjs-core/dist/base_side_effects';
import { registerKernel, type KernelConfig } from '@tensorflow/tfjs-core/dist/kernel_registry';
import { setBackend, tidy } from '@tensorflow/tfjs-core/dist/globals';
import { tensor1d } from '@tensorflow/tfjs-core/dist/ops/tensor1d';
import { tensor2d } from '@tensorflow/tfjs-core/dist/ops/tensor2d';
import { matMul } from '@tensorflow/tfjs-core/dist/ops/mat_mul';
import { add } from '@tensorflow/tfjs-core/dist/ops/add';
import { sub } from '@tensorflow/tfjs-core/dist/ops/sub';
import { square } from '@tensorflow/tfjs-core/dist/ops/square';
import { sum } from '@tensorflow/tfjs-core/dist/ops/sum';
import { argMin } from '@tensorflow/tfjs-core/dist/ops/arg_min';
import { relu } from '@tensorflow/tfjs-core/dist/ops/relu';
import { sigmoid } from '@tensorflow/tfjs-core/dist/ops/sigmoid';
import { tanh } from '@tensorflow/tfjs-core/dist/ops/tanh';
import { softmax } from '@tensorflow/tfjs-core/dist/ops/softmax';
import type { Tensor2D } from '@tensorflow/tfjs-core/dist/tensor';
import '@tensorflow/tfjs-backend-cpu/dist/base';
import { addConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Add';
import { argMinConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ArgMin';
import { batchMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/BatchMatMul';
import { reluConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Relu';
import { reshapeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape';
import { sigmoidConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sigmoid';
import { softmaxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Softmax';
import { squareConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Square';
import { subConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sub';
import { sumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sum';
import { tanhConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tanh';
import type { NetLayer, TfjsChunk } from './tfjs-contract';

for (const config of [
  addConfig,
  argMinConfig,
  batchMatMulConfig,
  reluConfig,
  reshapeConfig,
  sigmoidConfig,
  softmaxConfig,
  squareConfig,
  subConfig,
  sumConfig,
  tanhConfig,
]) {
  registerKernel(config as KernelConfig);
}
const backendReady = setBackend('cpu');

const ACTIVATIONS = { relu, sigmoid, tanh, softmax } as const;

/** The tfjs chunk's API (see {@link TfjsChunk}). */
const chunk: TfjsChunk = {
  async createNet(layers: readonly NetLayer[], inputs: number) {
    await backendReady;
    let n = inputs;
    // Weights become tensors once; each prediction allocates only its own activations.
    const tensors = layers.map((layer) => {
      const w = tensor2d(layer.weights, [n, layer.units]);
      n = layer.units;
      return { w, b: tensor1d(layer.bias), activation: layer.activation };
    });
    return {
      predict(x: Float32Array): Float32Array {
        return tidy(() => {
          let h: Tensor2D = tensor2d(x, [1, inputs]);
          for (const { w, b, activation } of tensors) {
            h = add(matMul(h, w), b);
            if (activation !== 'linear') h = ACTIVATIONS[activation](h);
          }
          return h;
        }).dataSync() as Float32Array;
      },
    };
  },
  nearest(centroids: Float32Array, k: number, d: number, x: Float32Array): number {
    return tidy(() =>
      argMin(sum(square(sub(tensor2d(centroids, [k, d]), tensor2d(x, [1, d]))), 1)),
    ).dataSync()[0] as number;
  },
};

export default chunk;
