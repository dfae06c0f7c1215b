import type { Bundle } from './bundle';
import type { ConsentState } from './consent';
import type { FeaturePurposes } from '../consent/feature-purposes';
import type { Assignment, Decision } from './decision';
import type { EdgesegClient } from './client';
import type { Profile } from './profile';

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
}

/** A mounted panel: `refresh` redraws it from the latest snapshot; `remove` takes it off the page. */
export interface MountedPanel {
  refresh(): void;
  remove(): void;
}

/**
 * Mounts a panel (overlay or widget) in a shadow root. `clock` is the platform's (pass the
 * platform): the time features are shown at, and the panel's timers; the global one when absent.
 */
export type PanelMount = (
  doc: Document,
  snapshot: () => DebugSnapshot,
  client: EdgesegClient,
  clock?: import('../lib/platform').Clock,
) => MountedPanel;
