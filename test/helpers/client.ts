import { afterEach } from 'vitest';
import { createClient } from '../../src/index';
import type { EdgesegClient } from '../../src/types/client';

const live: EdgesegClient[] = [];

// Every test's clients are destroyed after it: a client left running keeps observing the
// shared happy-dom document and would render the next test's slots.
afterEach(() => {
  for (const client of live.splice(0)) client.destroy();
});

/** `createClient`, destroyed after the current test. */
export function testClient(...args: Parameters<typeof createClient>): EdgesegClient {
  const client = createClient(...args);
  live.push(client);
  return client;
}
