import type { MeasurementSnapshot } from '../measure/host';
import type { Clock } from '../lib/platform';
import type { Bundle } from '../types/bundle';
import type { EdgesegClient } from '../types/client';
import type { FeaturePurposes, Retention } from '../types/config';
import type { ConsentState } from '../types/consent';
import type { Assignment, Decision } from '../types/decision';
import type { Profile } from '../types/profile';

/** What the client knows right now, for the debug overlay and the transparency widget. */
export interface DebugSnapshot {
  consent: ConsentState;
  profile: Profile | null;
  assignment: Assignment;
  bundle: Bundle | null;
  /** The latest decision of every slot and `personalize()` call, by slot name. */
  decisions: Decision[];
  storage: 'indexeddb' | 'memory' | 'none';
  /** Which purposes features need (`consent.features`), to show those consent withholds. */
  features?: FeaturePurposes | undefined;
  /** The bundle signature's status as far as this build checked it. */
  signature?: string;
  /** The config's retention: the overlay shows when each stored item will be erased. */
  retention?: Retention | undefined;
  /** Experiments and goals kept on this device (the measure chunk's snapshot), when measuring. */
  measurement?: MeasurementSnapshot | null;
}

/** A mounted panel: `refresh` redraws it from the latest snapshot; `remove` takes it off the page. */
export interface MountedPanel {
  refresh(): void;
  remove(): void;
}

/**
 * The `overlay` and `why` chunks (`src/chunks/overlay.ts`, `src/chunks/why.ts`): each
 * mounts a panel (debug overlay or transparency widget) in a shadow root. `clock` is the
 * platform's (pass the platform): the time features are shown at, and the panel's timers;
 * the global one when absent.
 */
export type PanelMount = (
  doc: Document,
  snapshot: () => DebugSnapshot,
  client: EdgesegClient,
  clock?: Clock,
) => MountedPanel;
