import { isKnownFeature } from '../../src/features/catalogue';
import type { FeatureSpec } from '../../src/types/bundle';
import { DECIMAL } from './decimal';

/** One feature of a training spec: a catalogue feature, the input column that holds it, and how to scale it. */
export interface TrainingFeature extends Omit<FeatureSpec, 'scale'> {
  /** Input column (CSV header or NDJSON key) with this feature's raw value; default: the feature name. */
  column?: string;
  /** Maps string cells to numbers (e.g. `{ "Returning_Visitor": 1 }`); unmapped cells are missing. */
  map?: Record<string, number>;
  /** Scaling fitted on the training rows: `z` (default), `minmax` or `none`. */
  scale?: 'z' | 'minmax' | 'none';
}

/** A training spec file: which input columns become which catalogue features. */
export interface TrainingSpec {
  id?: string;
  pageGroups?: { name: string; types: string[] }[];
  /** Minutes without events that end a session when training on raw events (default 30). */
  sessionTimeoutMinutes?: number;
  /**
   * Raw events: a training row per visit (`sessions`, the default: what the SDK sees at the
   * end of a visit) or per visitor (`visitors`: all of a visitor's history at `asOf`, as
   * recency / frequency / monetary segmentation wants).
   */
  rows?: 'sessions' | 'visitors';
  /** With `rows: "visitors"`: the ISO time rows are taken at; default the input's last event. */
  asOf?: string;
  features: TrainingFeature[];
}

/** The input column a feature reads. */
export function columnOf(feature: TrainingFeature): string {
  return feature.column ?? feature.name;
}

/** Checks a parsed spec file's shape, naming the first problem. */
export function checkTrainingSpec(spec: unknown, path: string): TrainingSpec {
  const s = spec as Partial<TrainingSpec> | null;
  if (!s || typeof s !== 'object' || !Array.isArray(s.features) || s.features.length === 0) {
    throw new Error(`${path}: a training spec needs a non-empty "features" array`);
  }
  if (s.rows !== undefined && s.rows !== 'sessions' && s.rows !== 'visitors')
    throw new Error(`${path}: "rows" must be "sessions" or "visitors"`);
  if (s.asOf !== undefined && !Number.isFinite(Date.parse(s.asOf)))
    throw new Error(`${path}: "asOf" must be an ISO date, like 2011-12-10T00:00:00Z`);
  s.features.forEach((f, i) => {
    if (!f || typeof f.name !== 'string') throw new Error(`${path}: features[${i}] needs a "name"`);
    // Checked here, before any data is read: the bundle validation at the end would only
    // say so after the whole file was trained on.
    if (!isKnownFeature(f.name))
      throw new Error(`${path}: features[${i}].name "${f.name}" is not a catalogue feature (see docs/profile.md)`);
    if (f.scale !== undefined && !['z', 'minmax', 'none'].includes(f.scale))
      throw new Error(`${path}: features[${i}].scale must be z, minmax or none`);
  });
  return s as TrainingSpec;
}

/** Reads one cell as the feature's raw value; `undefined` when it is missing. */
export function rawValue(feature: TrainingFeature, cell: unknown): number | undefined {
  if (cell === undefined || cell === null) return undefined;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new Error(`${cell} is not a finite number`);
    return cell;
  }
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  const text = String(cell).trim();
  if (feature.map) return Object.hasOwn(feature.map, text) ? feature.map[text] : undefined;
  if (text === '' || text.toUpperCase() === 'NA') return undefined;
  if (text === 'TRUE' || text === 'true') return 1;
  if (text === 'FALSE' || text === 'false') return 0;
  // Decimal notation only: Number() would also read 0x10 as 16, 0b11 as 3 and "Infinity".
  const n = DECIMAL.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n)) throw new Error(`"${text.slice(0, 40)}" is not a number`);
  return n;
}
