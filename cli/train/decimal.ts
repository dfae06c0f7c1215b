/** Plain decimal notation: what a CSV number may look like (no hex, binary, octal or Infinity). */
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Exact powers of ten (10^0 … 10^22 are all representable in a double). A plain decimal
 * of at most 15 digits is an exact integer over one of them, and that one division is
 * correctly rounded: the very double `Number()` returns (Clinger's fast path).
 */
export const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
