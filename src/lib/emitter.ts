type Listener<T> = (payload: T) => void;

/**
 * A minimal typed event emitter. A listener that throws is isolated: the others still
 * run and the failure goes to `onListenerError`, because a subscriber's bug must never
 * break the SDK or the host page.
 */
export class Emitter<Events extends object> {
  private _listeners: { [K in keyof Events]?: Set<Listener<Events[K]>> } = {};

  constructor(private _onListenerError: (event: string, error: unknown) => void) {}

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const set = (this._listeners[event] ??= new Set());
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this._listeners[event];
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (error) {
        this._onListenerError(String(event), error);
      }
    }
  }

  clear(): void {
    this._listeners = {};
  }
}
