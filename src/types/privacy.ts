import type { Purpose } from './consent';

/**
 * What kind of information a stored item, a feature or an event field is, in the words of a
 * record of processing: `behaviour` (pages, clicks, time), `commerce` (carts, purchases),
 * `context` (device class, language, time zone, time of day), `acquisition` (campaign and
 * referrer), `traits` (first-party attributes the site passes), `inference` (segments,
 * scores), `consent` (the visitor's choices), `technical` (caches and counters that hold no
 * information about the visitor).
 */
export type DataCategory =
  'behaviour' | 'commerce' | 'context' | 'acquisition' | 'traits' | 'inference' | 'consent' | 'technical';

/**
 * A storage item declared beside the code that writes it (the privacy manifest,
 * `edgeseg privacy manifest`, collects these declarations; a test compares them with what
 * Chromium sees written).
 */
export interface StorageDeclaration {
  /** What it holds, in a sentence a privacy officer can copy. */
  holds: string;
  category: DataCategory;
  /** The purpose that must be granted before it is written (`null`: written without consent, e.g. the record of a refusal). */
  purpose: Purpose | null;
  /** How large it can grow. */
  bound: string;
  /** When it is erased, and by what. */
  retention: string;
}

/** A network request the SDK can make, declared beside the code that makes it. */
export interface RequestDeclaration {
  /** What is fetched or sent. */
  what: string;
  /** When the request is made. */
  when: string;
  /** What the request carries from the visitor's device besides what any page request carries (URL, cookies of that origin). */
  carries: string;
  /** The purpose that must be granted before it is made (`null`: made without consent). */
  purpose: Purpose | null;
}

/** A family of features of the catalogue (`pages`, `pages.<type>`, …), declared with the catalogue. */
export interface FeatureDeclaration {
  /** The family: a name, or a head before a dot (`affinity.<category>`). */
  name: string;
  means: string;
  category: DataCategory;
}

/** A property of an automatically recorded event, declared with the collector that records it. */
export interface EventFieldDeclaration {
  means: string;
  category: DataCategory;
}
