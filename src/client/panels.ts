import { edgesegError } from '../lib/errors';
import type { EdgesegClient } from '../types/client';
import type { DebugSnapshot, MountedPanel } from '../chunks/panel-contract';
import type { ClientContext } from './context';

/** The debug overlay and the "why" widget of one client. */
export interface Panels {
  /** Loads the panel's chunk and mounts it in `doc`. */
  mount(name: 'overlay' | 'why', doc: Document): void;
  /** Redraws every mounted panel from the latest snapshot. */
  refresh(): void;
  /** Takes every panel off the page. */
  remove(): void;
}

export function createPanels(
  ctx: ClientContext,
  o: {
    client: EdgesegClient;
    snapshot(): DebugSnapshot;
    inert(): boolean;
  },
): Panels {
  const mounted: MountedPanel[] = [];
  return {
    mount(name, doc) {
      ctx
        .load(name)
        .then((mount) => o.inert() || mounted.push(mount(doc, o.snapshot, o.client, ctx.platform)))
        .catch((cause: unknown) => ctx.reporter.report(edgesegError('render_failed', 'edgeseg: ' + name, { cause })));
    },
    refresh() {
      for (const panel of mounted) panel.refresh();
    },
    remove() {
      for (const panel of mounted.splice(0)) panel.remove();
    },
  };
}
