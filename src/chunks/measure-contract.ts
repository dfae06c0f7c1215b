import type { Beacon, BeaconHost, MeasureHost, MeasurementSnapshot, MeasureSession } from '../measure/host';

export type { Beacon, BeaconHost, MeasureHost, MeasurementSnapshot, MeasureSession };

/** The lazily loaded `measure` chunk (`src/chunks/measure.ts`). */
export interface MeasureChunk {
  start(host: MeasureHost): MeasureSession;
}

/** The lazily loaded `beacon` chunk (`src/chunks/beacon.ts`): queue, transport, vitals. */
export interface BeaconChunk {
  start(host: BeaconHost): Beacon;
}
