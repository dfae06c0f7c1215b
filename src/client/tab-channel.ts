/** What one edgeseg client tells the others on this origin: every tab, and other clients in the same document. */
export type TabMessage = 'consent' | 'forget';

/** A channel to every other edgeseg client of this origin (see {@link openTabChannel}). */
export interface TabChannel {
  /** Tells the others; never throws. */
  post(message: TabMessage): void;
  close(): void;
}

const NAME = 'edgeseg';

/**
 * Opens `BroadcastChannel('edgeseg')`. Unlike the `storage` event, it also reaches another
 * client in the same document (a script tag beside an npm import), so a revoke or
 * `forget()` through one stops the other at once. Carries only the kind of change, never
 * data: each client re-reads the consent record itself. Where BroadcastChannel is
 * missing, the `storage` event still covers other tabs.
 */
export function openTabChannel(win: Window, onMessage: (message: TabMessage) => void): TabChannel {
  const Channel = (win as Window & { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  let channel: BroadcastChannel | null = null;
  try {
    if (typeof Channel === 'function') channel = new Channel(NAME);
  } catch {
    /* opaque origins (sandboxed iframes) refuse it */
  }
  if (channel) {
    channel.onmessage = (event: MessageEvent) => {
      if (event.data === 'consent' || event.data === 'forget') onMessage(event.data);
    };
  }
  return {
    post(message) {
      try {
        channel?.postMessage(message);
      } catch {
        /* closed meanwhile */
      }
    },
    close: () => channel?.close(),
  };
}
