import { edgesegError, type EdgesegError } from '../lib/errors';
import type { RequestDeclaration } from '../types/privacy';
import type { Bundle, TfjsModel } from '../types/bundle';
import type { NetLayer, NetRunner } from '../types/net';
import { toBase64Url } from './signature';

/** Splits binary weights (per layer: weights then bias, float32 little-endian) into layers. */
function fromBinary(net: TfjsModel, inputs: number, data: Float32Array): NetLayer[] | null {
  let offset = 0;
  let n = inputs;
  const out: NetLayer[] = [];
  for (const layer of net.layers) {
    const size = n * layer.units;
    if (offset + size + layer.units > data.length) return null;
    out.push({
      units: layer.units,
      activation: layer.activation ?? 'linear',
      weights: data.subarray(offset, offset + size),
      bias: data.subarray(offset + size, offset + size + layer.units),
    });
    offset += size + layer.units;
    n = layer.units;
  }
  return offset === data.length ? out : null;
}

function inline(net: TfjsModel): NetLayer[] {
  return net.layers.map((layer) => ({
    units: layer.units,
    activation: layer.activation ?? 'linear',
    weights: new Float32Array((layer.weights ?? []).flat()),
    bias: layer.bias ? new Float32Array(layer.bias) : new Float32Array(layer.units),
  }));
}

/** The privacy manifest's entry for the weights request of a tfjs bundle. */
export const WEIGHTS_REQUEST: RequestDeclaration = {
  what: "the weights of the bundle's neural network (`weightsUrl` in the bundle)",
  when: 'when the bundle holds a tfjs network, before its first use',
  carries: "nothing: a GET with no query, body or header of edgeseg's (same-origin credentials only)",
  purpose: null,
};

async function fetchWeights(
  net: TfjsModel,
  url: string,
  fetchFn: typeof fetch,
  subtle: SubtleCrypto | null | undefined,
): Promise<ArrayBuffer> {
  const response = await fetchFn(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const buffer = await response.arrayBuffer();
  if (net.weightsSha256) {
    // No WebCrypto (not a secure context): the weights cannot be checked, so they are refused.
    if (!subtle) throw new Error('WebCrypto is not available to check weightsSha256');
    const digest = new Uint8Array(await subtle.digest('SHA-256', buffer));
    if (toBase64Url(digest) !== net.weightsSha256) throw new Error('the weights do not match weightsSha256');
  }
  return buffer;
}

/**
 * Builds a bundle's network with the tfjs chunk, which is fetched only now, for bundles
 * that have one. Inline weights, or binary ones from `weightsUrl` (resolved against the
 * bundle URL, checked against `weightsSha256` with `subtle`, the platform's WebCrypto: the
 * global one when `undefined`, none when `null`). Resolves to the network or the error.
 */
export async function prepareNet(
  bundle: Bundle,
  inputs: number,
  bundleUrl: string,
  loadChunk: (name: 'tfjs') => Promise<{ createNet(layers: readonly NetLayer[], inputs: number): Promise<NetRunner> }>,
  fetchFn: typeof fetch,
  subtle: SubtleCrypto | null | undefined = globalThis.crypto?.subtle,
): Promise<NetRunner | EdgesegError> {
  const net = bundle.tfjs as TfjsModel;
  try {
    const tfjs = loadChunk('tfjs');
    let layers = inline(net);
    if (net.weightsUrl) {
      const base = new URL(bundleUrl, globalThis.location?.href);
      const buffer = await fetchWeights(net, new URL(net.weightsUrl, base).href, fetchFn, subtle);
      const parsed = buffer.byteLength % 4 === 0 ? fromBinary(net, inputs, new Float32Array(buffer)) : null;
      if (!parsed) throw new Error('the weights file does not match the layers');
      layers = parsed;
    }
    return await (await tfjs).createNet(layers, inputs);
  } catch (cause) {
    return edgesegError(
      'model_unavailable',
      "edgeseg: the bundle's tfjs model could not be loaded; scoring continues without propensities",
      { path: 'tfjs', cause },
    );
  }
}
