/**
 * Randomized response (Warner 1965), the local form of differential privacy: each report
 * tells the truth with probability `p = e^ε / (1 + e^ε)` and the opposite otherwise, so
 * for any report, P(report | converted) / P(report | not converted) ≤ e^ε: no single
 * report reveals whether that visitor converted. Over many reports the true rate is
 * recovered by {@link debias}.
 */

/** The probability of reporting the true bit under ε. */
export const truthProbability = (epsilon: number): number => Math.exp(epsilon) / (1 + Math.exp(epsilon));

/** The bit to report for `truth`; `random` is a uniform draw in [0, 1) (injected so tests are deterministic). */
export function randomize(truth: boolean, epsilon: number, random: number): boolean {
  return random < truthProbability(epsilon) ? truth : !truth;
}

/**
 * The estimated true share of `true` among `n` reports of which `reported` said `true`:
 * `(reported / n - (1 - p)) / (2p - 1)`. Unbiased; its standard error is
 * `sqrt(q (1 - q) / n) / (2p - 1)` with `q = reported / n`.
 */
export function debias(reported: number, n: number, epsilon: number): { rate: number; standardError: number } {
  const p = truthProbability(epsilon);
  const q = n ? reported / n : 0;
  return { rate: (q - (1 - p)) / (2 * p - 1), standardError: n ? Math.sqrt((q * (1 - q)) / n) / (2 * p - 1) : 0 };
}
