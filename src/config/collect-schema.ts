import * as z from 'zod/mini';

const on = () => z.optional(z.boolean());

/**
 * The `collect` section of the config: which collectors run and how events are folded.
 * Every collector is on by default and only ever records with consent (pending: memory).
 * Its types: `CollectConfigInput` and `CollectConfig` in `src/types/config.ts`.
 */
export const collectConfigSchema = () =>
  z.optional(
    z.strictObject({
      /** Page view on load (`autoPage: false` turns it off too). */
      pageViews: on(),
      /** Page views on SPA navigation: History API and the Navigation API. */
      spa: on(),
      /** Clicks on `[data-edgeseg-track]` (`trackClicks: false` turns it off too). */
      clicks: on(),
      /** Scroll depth 25/50/75/100 per page. */
      scroll: on(),
      /** Engaged time: page visible and focused, input within `idleTimeout`. */
      engagement: on(),
      /** Referrer host, UTM parameters and traffic source class on page views. */
      campaign: on(),
      /** Device class, language, time zone on the first page view of a load. */
      context: on(),
      /** `add_to_cart`, `remove_from_cart`, `begin_checkout`, `purchase`, `refund` from `track()`. */
      commerce: on(),
      /** Traits from `identify()`. */
      identify: on(),
      /** Seconds without input after which engaged time stops counting. Default 30. */
      idleTimeout: z.optional(z.number().check(z.gte(5), z.lte(1800))),
      /** Days after which a category's affinity has halved. Default 30. */
      affinityHalfLife: z.optional(z.number().check(z.gt(0), z.lte(3650))),
      /** A page view with other UTM parameters starts a new session. Default true. */
      campaignSessions: on(),
      /**
       * URL path patterns → page type, first match wins, used when the page declares none:
       * `{ "/p/*": "product", "/blog/**": "article" }` (`*` one path segment, `**` any).
       * Entries are checked by the collect chunk (`z.record` costs bytes of the script tag).
       */
      pageTypes: z.optional(z.looseObject({})),
    }),
  );

export { COLLECT_DEFAULTS } from './defaults';
