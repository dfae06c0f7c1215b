import type { PropValue } from '../types/event';

/**
 * The page type: `<meta name="edgeseg:page-type">`, else `data-edgeseg-page-type` on
 * `<body>`. `null` when the page declares none.
 */
export function readPageType(doc: Document): string | null {
  const meta = doc.querySelector('meta[name="edgeseg:page-type"]')?.getAttribute('content')?.trim();
  if (meta) return meta.slice(0, 64);
  const body = doc.body?.getAttribute('data-edgeseg-page-type')?.trim();
  return body ? body.slice(0, 64) : null;
}

/**
 * Properties of an automatic page view. Only the path is kept: query strings and titles
 * often carry personal data (emails, search terms) and never leave through us.
 */
export function pageViewProps(doc: Document, location: Location): Record<string, PropValue> {
  const props: Record<string, PropValue> = { path: location.pathname.slice(0, 256) };
  const pageType = readPageType(doc);
  if (pageType) props['pageType'] = pageType;
  return props;
}
