import type { CollectConfig, EdgesegConfig } from '../types/config';
import { DEFAULT_RETENTION } from './retention';

// The defaults live apart from the zod schemas: the core reads them (the bound on events
// recorded before the config is validated) without loading zod, which only the config
// chunk carries.

/** Defaults of the collect section. */
export const COLLECT_DEFAULTS: CollectConfig = {
  pageViews: true,
  spa: true,
  clicks: true,
  scroll: true,
  engagement: true,
  campaign: true,
  context: true,
  commerce: true,
  identify: true,
  idleTimeout: 30,
  affinityHalfLife: 30,
  campaignSessions: true,
  pageTypes: {},
};

/** The value of every option a config leaves out. */
export const CONFIG_DEFAULTS: Omit<
  EdgesegConfig,
  'bundle' | 'chunkBase' | 'publicKeys' | 'requireSignature' | 'allowRollback' | 'frequencyCaps' | 'measurement'
> = {
  bundleTimeout: 3000,
  sessionTimeout: 30,
  consent: {
    mode: 'opt-in',
    detect: true,
    gpc: 'opt-out',
    pending: 'default',
    keepPending: false,
    receipts: 20,
    sources: {},
  },
  collect: COLLECT_DEFAULTS,
  storage: 'indexeddb',
  storageTimeout: 1500,
  retention: DEFAULT_RETENTION,
  hideTimeout: 300,
  autoPage: true,
  trackClicks: true,
  maxPendingEvents: 500,
  debug: false,
  bundleMaxAge: 300,
  switchMargin: 0.1,
  preview: true,
  transparency: false,
  allowVariantScripts: false,
  guardrail: { cls: 0.1, days: 30 },
};
