/** The layout-shift guardrail's settings (`guardrail` in the config; `false` turns it off). */
export interface GuardrailConfig {
  /** Layout shift (CLS units) a variant's own swaps may cause in a page view before it is switched off. Default 0.1. */
  cls: number;
  /** Days a switched-off variant stays off for the visitor. Default 30. */
  days: number;
}

/** A variant switched off for this visitor because its swaps shifted the page's layout (the `guardrail` event). */
export interface GuardrailTrip {
  slot: string;
  variant: string;
  /** The segment the variant was shown for (`null` in a QA preview without one). */
  segment: string | null;
  /** The layout shift attributed to the variant's swaps in this page view. */
  cls: number;
  /** Until when (epoch ms) the slot shows its default instead; `null` in a QA preview (reported, not switched off). */
  until: number | null;
}
