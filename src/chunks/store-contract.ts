import type { KvKey, StoredData, StoreOptions, VisitorStore } from '../store/store';

export type { KvKey, StoredData, StoreOptions, VisitorStore };

/** The lazily loaded `store` chunk (`src/chunks/store.ts`): IndexedDB (with `idb`) and memory stores. */
export interface StoreChunk {
  /** A store that never rejects: IndexedDB while it works, then memory with the same data. */
  open(options: StoreOptions): VisitorStore;
}
