/** One dense layer with flat weights (`[inputs][units]` row-major), as the tfjs chunk takes it. */
export interface NetLayer {
  units: number;
  activation: 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';
  weights: Float32Array;
  bias: Float32Array;
}

/** A network ready to run: the tfjs chunk's output for a bundle's `tfjs` section. */
export interface NetRunner {
  /** One value per output for one input row. Synchronous (CPU backend). */
  predict(x: Float32Array): Float32Array;
}
