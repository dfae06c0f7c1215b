import type { PropValue } from '../types/event';
import { readDeclared, readPageType, type PageTypeRule } from './page-type';

/**
 * Properties of an automatic page view: the path, the page type, and the category and
 * product the page declares (`edgeseg:category`/`edgeseg:product` meta tags or
 * `data-edgeseg-category`/`data-edgeseg-product` on `<body>`). Query strings and titles
 * often carry personal data (emails, search terms): they are never read.
 */
export function pageViewProps(
  doc: Document,
  location: Location,
  rules: readonly PageTypeRule[],
): Record<string, PropValue> {
  const path = location.pathname.slice(0, 256);
  const props: Record<string, PropValue> = { path };
  const pageType = readPageType(doc, path, rules);
  if (pageType) props['pageType'] = pageType;
  for (const name of ['category', 'product']) {
    const value = readDeclared(doc, name);
    if (value) props[name] = value;
  }
  return props;
}
