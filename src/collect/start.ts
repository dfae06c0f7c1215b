import type { Collectors, CollectHost } from './collect-host';
import { campaignProps } from './campaign';
import { collectClicks } from './clicks';
import { contextProps } from './context';
import { collectEngagement } from './engagement';
import { compilePageTypes } from './page-type';
import { pageViewProps } from './page-view';
import { collectScroll } from './scroll';
import { watchNavigation } from './spa';

/**
 * Starts the collectors `host.config` turns on. They record through the client's public
 * methods, so consent gates them all: nothing is recorded when personalization is
 * denied, and only memory holds events while it is pending. The client records the
 * first page view itself once this returns.
 */
export function startCollectors(host: CollectHost): Collectors {
  const { window: win, document: doc, config: c } = host;
  const rules = compilePageTypes(c.pageTypes, host.report);
  const stops: (() => void)[] = [];
  let first = true;
  const engagement = c.engagement ? collectEngagement(win, doc, host.now, c.idleTimeout * 1000) : null;
  const flush = (): void => {
    const seconds = engagement?.flush() ?? 0;
    if (seconds >= 1) host.track('engagement', { seconds });
  };
  const scroll = c.scroll ? collectScroll(win, doc, (props) => host.track('scroll', props)) : null;
  if (engagement) stops.push(engagement.stop);
  if (scroll) stops.push(scroll.stop);
  if (c.clicks) stops.push(collectClicks(doc, host.track));
  if (c.pageViews && c.spa) stops.push(watchNavigation(win, host.page, host.timers));
  return {
    beginPage() {
      if (!first) {
        flush();
        scroll?.reset();
      }
      const props = pageViewProps(doc, win.location, rules);
      if (c.campaign) Object.assign(props, campaignProps(win.location, first ? doc.referrer : '', !first));
      if (c.context && first) Object.assign(props, contextProps(win, host.now()));
      first = false;
      return props;
    },
    flush,
    stop: () => stops.splice(0).forEach((stop) => stop()),
  };
}
