/**
 * The measure chunk (`dist/edgeseg.measure.mjs`): exposures, goals and conversions kept
 * locally, and under `measurement` consent sent to listeners, GTM and the beacon (its own
 * chunk). Loaded only when experiments, goals or `config.measurement` exist.
 */
import { startMeasure } from '../measure/session';
import type { MeasureChunk } from './measure-contract';

const measure: MeasureChunk = { start: startMeasure };

export default measure;
