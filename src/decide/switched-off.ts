import type { StorageDeclaration } from '../types/privacy';

/** localStorage key of the variants the layout-shift guardrail switched off for this visitor. */
export const OFF_KEY = 'edgeseg:off';

/** The privacy manifest's entry for {@link OFF_KEY}, for a config's `guardrail.days`. */
export const offKeyDeclaration = (days: number): StorageDeclaration => ({
  holds:
    'the variants whose swaps shifted the layout of the page for this visitor (slot, variant, until when), so they show the default content instead',
  category: 'inference',
  purpose: 'personalization',
  bound: 'one entry per slot and variant',
  retention: `each entry ${days} days (guardrail.days); erased at once when personalization is denied or withdrawn, and by forget()`,
});

/** Switched-off variants: `slot|variant` → until when (epoch ms). */
export type SwitchedOff = Record<string, number>;

/** What an earlier page switched off and is still off at `now`; garbage reads as nothing. */
export function readSwitchedOff(storage: Storage | null, now: number): SwitchedOff {
  const off: SwitchedOff = {};
  try {
    const stored = JSON.parse(storage?.getItem(OFF_KEY) ?? '{}') as SwitchedOff;
    for (const key of Object.keys(stored)) if (+(stored[key] as number) > now) off[key] = +(stored[key] as number);
  } catch {
    /* unreadable: nothing is off */
  }
  return off;
}

/** Remembers the switched-off variants (the caller checks consent). */
export function writeSwitchedOff(storage: Storage | null, off: SwitchedOff): void {
  try {
    storage?.setItem(OFF_KEY, JSON.stringify(off));
  } catch {
    /* storage full or blocked: the variant is off for this page only */
  }
}

/** `exportData()`'s record of the switched-off variants (`guardrail`), when there are any. */
export function offRecord(storage: Storage | null, now: number): { guardrail?: SwitchedOff } {
  const off = readSwitchedOff(storage, now);
  return Object.keys(off).length ? { guardrail: off } : {};
}
