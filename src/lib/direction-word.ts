/** Labels that name an amount ("time on product pages"), which is less; anything else counted is fewer. */
const AMOUNT = /^(time|dwell|share|value|revenue|spend|duration|engaged|scroll|depth|recency|days since)\b/i;

/**
 * The word for a feature's direction in explanations and generated segment words:
 * "more", or "fewer" for things one counts ("fewer product pages this visit") and "less"
 * for amounts ("less time on account pages"). Shared by the scorer's explanation and the
 * CLI's segment descriptions so both read alike.
 */
export function directionWord(direction: 'more' | 'less', label: string): 'more' | 'fewer' | 'less' {
  return direction === 'more' ? 'more' : AMOUNT.test(label) ? 'less' : 'fewer';
}
