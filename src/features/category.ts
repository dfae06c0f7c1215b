import { topCategory } from '../profile/affinity';
import type { Profile } from '../types/profile';

/** String lookups by name, besides `trait.<name>`. */
export const LOOKUPS: Record<string, (p: Profile) => string | null | undefined> = {
  page_type: (p) => p.session?.lastPageType,
  landing_page_type: (p) => p.session?.landing,
  visitor_type: (p) => (p.sessions > 1 ? 'returning' : 'new'),
  traffic_source: (p) => p.session?.source,
  device: (p) => p.context.device,
  language: (p) => p.context.language,
  time_zone: (p) => p.context.timeZone,
  // Every affinity decays at the same rate, so the ranking is the same at any later time.
  top_category: (p) => topCategory(p, p.lastSeen),
};

/**
 * String-valued lookups for one-hot features and rules: `trait.<name>` (the trait as
 * text), `page_type` (the page being viewed), `landing_page_type`, `visitor_type`
 * (`new`/`returning`, the shoppers data's VisitorType), `traffic_source` (this session's
 * class), `device`, `language`, `time_zone` and `top_category` (highest affinity).
 * Separate from the numeric catalogue, which stays the single list of numeric feature names.
 */
export function resolveCategory(name: string, profile: Profile | null): string | undefined {
  if (!profile) return undefined;
  if (Object.hasOwn(LOOKUPS, name))
    return (LOOKUPS[name] as (p: Profile) => string | null | undefined)(profile) ?? undefined;
  if (name.startsWith('trait.')) {
    const key = name.slice(6);
    const value = Object.hasOwn(profile.traits, key) ? profile.traits[key] : undefined;
    return value === undefined ? undefined : String(value);
  }
  return undefined;
}

/** True for names {@link resolveCategory} knows. */
export function isCategoryName(name: string): boolean {
  return Object.hasOwn(LOOKUPS, name) || /^trait\.[^.]{1,64}$/.test(name);
}
