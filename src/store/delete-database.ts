import { edgesegError } from '../lib/errors';
import { withTimeout } from '../lib/with-timeout';
import type { Timers } from '../lib/platform';
import { DB_NAME } from './schema';

/**
 * Deletes edgeseg's database. Lives in the core (not the `store` chunk) so a revoke or a
 * remembered denial erases everything without loading the chunk. Other tabs' connections
 * close on `versionchange`; one that does not blocks the delete until `timeout`
 * (on the platform's `timers`, the global ones by default).
 */
export function deleteDatabase(factory: IDBFactory, timeout: number, timers?: Timers): Promise<void> {
  const deleting = new Promise<void>((resolve, reject) => {
    const request = factory.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
  return withTimeout(
    deleting,
    timeout,
    () => edgesegError('storage_failed', 'edgeseg: deleting the IndexedDB database timed out'),
    timers,
  );
}
