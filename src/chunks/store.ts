/**
 * The visitor store: IndexedDB (through `idb`) with schema migrations, the raw-event ring,
 * compaction and every fallback, plus the memory store. Loaded only once consent allows
 * storing, so visitors who never consent never download it.
 */
import { openResilientStore } from '../store/resilient-store';
import type { StoreChunk } from './store-contract';

const store: StoreChunk = { open: openResilientStore };

export default store;
