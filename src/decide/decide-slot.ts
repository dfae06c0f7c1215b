import type { ConsentStatus } from '../types/consent';
import type { Assignment, Decision, DecisionReason } from '../types/decision';

/** The variant name that means "the slot's own content". */
export const DEFAULT_VARIANT = 'default';

const WORDS: Record<DecisionReason, (a: Assignment) => string> = {
  segment_variant: (a) =>
    `You are seeing this because your browsing on this site matches "${a.label}". ${a.explanation}`,
  preview: (a) => (a.label ? `Preview of the "${a.label}" segment (not stored).` : a.explanation),
  no_variant_for_segment: (a) => `Your browsing matches "${a.label}", which has no special content here.`,
  unassigned: (a) => `Standard content: ${a.explanation}`,
  consent_pending: () => 'Standard content: you have not chosen whether to allow personalization.',
  consent_denied: () => 'Standard content: personalization is off.',
  no_bundle: () => 'Standard content: no segment model is loaded.',
  frequency_cap: () => 'Standard content: the other version was shown often enough for now.',
  holdout: () => 'Standard content: you are in the group that measures personalization.',
  control: () => 'Standard content: you are in the comparison group of a test.',
  guardrail: () => 'Standard content: the other version moved the page as it loaded.',
};

/** Arms that show the default content. */
const isDefaultArm = (arm: string): boolean => arm === 'control' || arm === 'holdout';

/**
 * The variant a slot shows, and why. Pure: the same assignment, consent and variants
 * always give the same decision.
 */
export function decideSlot(
  slot: string,
  variants: ReadonlySet<string>,
  assignment: Assignment,
  consent: ConsentStatus,
  hasBundle: boolean,
  capped?: (variant: string) => boolean,
  /** Variants the layout-shift guardrail switched off for this visitor, by slot. */
  off?: (slot: string, variant: string) => boolean,
): Decision {
  let reason: DecisionReason;
  let variant = DEFAULT_VARIANT;
  // The first experiment arm (or the holdout) covering this slot decides, after the segment has a variant here.
  const arm = assignment.experiments?.find((a) => !a.slots || a.slots.includes(slot));
  const own = (id: string): string => (arm?.variant && variants.has(arm.variant) ? arm.variant : id);
  if (assignment.source === 'preview') {
    reason = 'preview';
    if (assignment.id !== null && variants.has(assignment.id) && !(arm && isDefaultArm(arm.arm)))
      variant = own(assignment.id);
  } else if (consent === 'pending') reason = 'consent_pending';
  else if (consent === 'denied') reason = 'consent_denied';
  else if (!hasBundle) reason = 'no_bundle';
  else if (assignment.id === null) reason = 'unassigned';
  else if (!variants.has(assignment.id)) reason = 'no_variant_for_segment';
  else if (arm && isDefaultArm(arm.arm)) reason = arm.arm as 'holdout' | 'control';
  else if (off?.(slot, own(assignment.id))) reason = 'guardrail';
  else if (capped?.(assignment.id)) reason = 'frequency_cap';
  else {
    reason = 'segment_variant';
    variant = own(assignment.id);
  }
  const active =
    reason !== 'consent_pending' && reason !== 'consent_denied' && reason !== 'no_bundle' && reason !== 'unassigned';
  const decision: Decision = {
    slot,
    segment: active ? assignment.id : null,
    variant,
    reason,
    explanation: WORDS[reason](assignment),
    source: active ? assignment.source : 'none',
    bundleVersion: assignment.bundleVersion,
  };
  // Only where the arm made a difference: the segment has content for this slot.
  if (arm && active && reason !== 'no_variant_for_segment') decision.experiment = { id: arm.id, arm: arm.arm };
  return decision;
}
