import { normalizeEvent } from '../collect/normalize-event';
import { edgesegError } from '../lib/errors';
import { eventId } from '../lib/event-id';
import type { CollectChunk, Collectors } from '../chunks/collect-contract';
import type { EdgesegEvent, EventKind } from '../types/event';
import type { ProfileKeeper } from './profile-keeper';
import type { ClientContext } from './context';

/** Marks the client that collects automatically in a document (shared by every copy of edgeseg). */
const COLLECTING = Symbol.for('edgeseg.collecting');

/** Commerce events `collect.commerce: false` drops. */
const COMMERCE = /^(add_to_cart|remove_from_cart|begin_checkout|purchase|refund)$/;

/** The event pipeline: public calls and collectors in, normalized events into the profile keeper. */
export interface EventPipeline {
  /** Records one event at `now` (calls made while the collect chunk loads wait, in order). */
  record(kind: EventKind, name: string, props: unknown, now: number): void;
  /**
   * Loads the collect chunk, folds what was recorded meanwhile, starts the collectors,
   * records the page view of this load (at `startedAt`), then the calls that waited.
   */
  start(startedAt: number): Promise<void>;
  /** Records what the collectors hold back (engaged time) now: the page is being left. */
  flushCollectors(): void;
}

export function createEventPipeline(
  ctx: ClientContext,
  o: {
    keeper: ProfileKeeper;
    /** The client: at most one per document collects automatically. */
    owner: object;
    /** Whether nothing may be recorded: personalization denied. */
    denied(): boolean;
    /** Whether the client was stopped (`destroy()`) or is inert. */
    inert(): boolean;
    /** An event was recorded: the profile changed. */
    onRecorded(event: EdgesegEvent): void;
    /** Registers a function that stops what the pipeline started (the collectors). */
    onTeardown(stop: () => void): void;
  },
): EventPipeline {
  const { keeper } = o;
  const { config, platform, reporter, load } = ctx;
  const c = config.collect;
  let collectors: Collectors | null = null;
  let flatten: CollectChunk['flatten'] | undefined;
  /** Calls waiting for the collect chunk, in order (page views need its automatic properties); null once it settled. */
  let waiting: (() => void)[] | null = [];

  function record(kind: EventKind, name: string, props: unknown, now: number): void {
    if (waiting) {
      if (o.inert()) return;
      waiting.push(() => record(kind, name, props, now));
      if (waiting.length > config.maxPendingEvents) waiting.shift();
      return;
    }
    if (o.inert() || o.denied() || (kind === 'identify' && !c.identify) || (!c.commerce && COMMERCE.test(name))) return;
    const auto = kind === 'page' ? collectors?.beginPage() : undefined;
    const result = normalizeEvent(
      kind,
      name,
      auto ? { ...auto, ...(props as object) } : props,
      now,
      eventId(now),
      flatten,
    );
    if (!result.ok) {
      reporter.report(result.error);
      return;
    }
    keeper.record(result.event);
    o.onRecorded(result.event);
  }

  function start(startedAt: number): Promise<void> {
    const { window: win, document: doc } = platform;
    // One client per document collects automatically (the load's page view, clicks,
    // scroll, SPA navigation): a script tag beside an npm import counts each once. The
    // other still records what it is told (`track()`, `page()`).
    const claim = doc as (Document & { [COLLECTING]?: object }) | null;
    const owns = !claim || (claim[COLLECTING] ??= o.owner) === o.owner;
    if (claim && owns) o.onTeardown(() => void (claim[COLLECTING] === o.owner && delete claim[COLLECTING]));
    return load('collect')
      .then((chunk) => {
        flatten = chunk.flatten;
        keeper.useReducer(chunk);
        // An instance stopped meanwhile installs no listeners (its teardown has already run).
        if (!win || !doc || o.inert() || !owns) return;
        collectors = chunk.start({
          window: win,
          document: doc,
          config: c,
          now: () => platform.now(),
          timers: platform,
          page: () => reporter.guard(() => record('page', 'page_view', undefined, platform.now())),
          track: (name, props) => reporter.guard(() => record('track', name, props, platform.now())),
          report: (error) => reporter.report(error, true),
        });
        o.onTeardown(() => collectors?.stop());
      })
      .catch((cause: unknown) =>
        reporter.report(
          edgesegError(
            'collect_unavailable',
            'edgeseg: the collect chunk could not be loaded; events stay in memory for this page',
            { cause },
          ),
        ),
      )
      .finally(() => {
        const queued = waiting ?? [];
        waiting = null;
        if (c.pageViews && owns) record('page', 'page_view', undefined, startedAt);
        for (const run of queued) reporter.guard(run);
        // Written at once, as an opened store writes what waited: the visitor may leave right away.
        keeper.flush();
      });
  }

  return { record, start, flushCollectors: () => collectors?.flush() };
}
