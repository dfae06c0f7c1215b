import type { StoredData } from './store';

/**
 * The named records as `exportData()` shows them: the cached bundle is the site's model, not
 * data about the visitor, so it is referenced by version and date instead of copied (an
 * export a visitor downloads should not be mostly someone else's model).
 */
export function exportRecords(entries: Iterable<[string, unknown]>): StoredData['records'] {
  const records: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (key === 'bundle' && value && typeof value === 'object') {
      const { version, fetchedAt } = value as { version?: unknown; fetchedAt?: unknown };
      records[key] = { version, fetchedAt };
    } else records[key] = value;
  }
  return records as StoredData['records'];
}
