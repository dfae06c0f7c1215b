/** A JSON value that may be stored in an event's properties. */
export type PropValue = string | number | boolean | null;

/** One commerce item in an event's `items` list (GA4's names or short ones: `item_id`/`id`, `price`, `quantity`, ...). */
export type EventItem = Readonly<Record<string, PropValue | undefined>>;

/**
 * What `track()`, `page()` and `identify()` accept: flat properties, plus the commerce
 * `items` list. A nested object is a type error here and `event_invalid` at run time.
 */
export type EventProps = Readonly<Record<string, PropValue | undefined | readonly EventItem[]>>;

/** What an event is: a page view, a named action, or a set of visitor traits. */
export type EventKind = 'page' | 'track' | 'identify';

/**
 * One normalised event, as stored in IndexedDB and fed to the profile reducer.
 * Everything in it came through {@link normalizeEvent}: bounded, prototype-safe, flat.
 */
export interface EdgesegEvent {
  /** Random id; two tabs writing at once never collide, and replays can dedupe by it. */
  id: string;
  kind: EventKind;
  /** `page_view` for pages, the event name for `track`, `identify` for traits. */
  name: string;
  /** Epoch milliseconds from the injected clock. */
  t: number;
  props: Record<string, PropValue>;
}
