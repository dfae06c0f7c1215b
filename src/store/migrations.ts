import type { IDBPDatabase, IDBPTransaction } from 'idb';

// Migrations see the database as it was, not as `EdgesegDB` describes it now: untyped.
type AnyDB = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/**
 * Brings the schema from `oldVersion` to `DB_VERSION`, step by step, inside the upgrade
 * transaction: if any step throws, the upgrade aborts and the old data stays as it was
 * (the client then runs from memory and reports `storage_unavailable`).
 */
export async function migrate(db: AnyDB, oldVersion: number, tx: UpgradeTx): Promise<void> {
  if (oldVersion < 1) {
    const events = db.createObjectStore('events', { keyPath: 'id' });
    events.createIndex('t', 't');
    db.createObjectStore('kv');
  }
  if (oldVersion === 0) {
    // A new database: the current schema at once, with no read to wait for, so the
    // database a first visit creates is complete the moment it is listed.
    db.createObjectStore('aggregates');
    db.createObjectStore('inbox', { keyPath: 'id' });
    return;
  }
  if (oldVersion < 2) {
    // v1 kept the profile among the named records; v2 gives aggregates their own store
    // so the kv records (bundle cache, caps) can be dropped under quota pressure alone.
    db.createObjectStore('aggregates');
    db.createObjectStore('inbox', { keyPath: 'id' });
    const kv = tx.objectStore('kv');
    const profile: unknown = await kv.get('profile');
    if (profile !== undefined) {
      await tx.objectStore('aggregates').put(profile, 'profile');
      await kv.delete('profile');
    }
  }
}
