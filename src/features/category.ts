import type { Profile } from '../types/profile';

/**
 * String-valued lookups for one-hot features and rules: `trait.<name>` (the trait as
 * text) and `page_type` (the type of the page being viewed). Separate from the numeric
 * catalogue, which stays the single list of numeric feature names.
 */
export function resolveCategory(name: string, profile: Profile | null): string | undefined {
  if (!profile) return undefined;
  if (name === 'page_type') return profile.session?.lastPageType ?? undefined;
  if (name.startsWith('trait.')) {
    const key = name.slice(6);
    const value = Object.hasOwn(profile.traits, key) ? profile.traits[key] : undefined;
    return value === undefined ? undefined : String(value);
  }
  return undefined;
}

/** True for names {@link resolveCategory} knows. */
export function isCategoryName(name: string): boolean {
  return name === 'page_type' || /^trait\.[^.]{1,64}$/.test(name);
}
