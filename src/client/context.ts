import type { EdgesegConfig } from '../types/config';
import type { Platform } from '../lib/platform';
import type { ChunkLoader } from '../chunks/loader-contract';
import type { Reporter } from './report';

/** What every collaborator of a started client shares: its config, host, chunk loader and error reporting. */
export interface ClientContext {
  config: EdgesegConfig;
  platform: Platform;
  load: ChunkLoader;
  reporter: Reporter;
}
