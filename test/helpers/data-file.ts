// @ts-expect-error plain JS helper shared with the benches and the demo
import { dataFile as find } from '../../bench/data-file.mjs';

/** A real data file (data/, EDGESEG_DATA_DIR, then ../shared/data), or null when it is not here. */
export const dataFile = (name: string): string | null => find(name) as string | null;
