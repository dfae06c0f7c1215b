import type { FeatureSpec } from '../../src/types/bundle';

/** One feature of a training spec: a catalogue feature, the CSV column that holds it, and how to scale it. */
export interface TrainingFeature extends Omit<FeatureSpec, 'scale'> {
  /** CSV column with this feature's raw value. */
  column: string;
  /** Maps string cells to numbers (e.g. `{ "Returning_Visitor": 1 }`); unmapped cells are missing. */
  map?: Record<string, number>;
  /** Scaling fitted on the training rows: `z` (default), `minmax` or `none`. */
  scale?: 'z' | 'minmax' | 'none';
}

/** A training spec file: which CSV columns become which catalogue features. */
export interface TrainingSpec {
  id?: string;
  pageGroups?: { name: string; types: string[] }[];
  features: TrainingFeature[];
}

/** Reads one cell as the feature's raw value; `undefined` when it is missing. */
export function rawValue(feature: TrainingFeature, cell: string | undefined): number | undefined {
  if (cell === undefined) return undefined;
  const text = cell.trim();
  if (feature.map) return Object.hasOwn(feature.map, text) ? feature.map[text] : undefined;
  if (text === '' || text.toUpperCase() === 'NA') return undefined;
  if (text === 'TRUE' || text === 'true') return 1;
  if (text === 'FALSE' || text === 'false') return 0;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`"${text}" is not a number`);
  return n;
}
