import type { MeasurementConfig } from '../types/config';
import type { Conversion, Exposure } from '../types/measure';

/**
 * Pushes an exposure or a conversion to Google Tag Manager's `dataLayer` (created when the
 * page has none), as `{ event: 'edgeseg_exposure', edgeseg: { ... } }`. The caller checks
 * `measurement` consent.
 */
export function pushDataLayer(
  win: Window | null,
  options: NonNullable<MeasurementConfig['dataLayer']>,
  kind: 'exposure' | 'conversion',
  payload: Exposure | Conversion,
): void {
  if (!win) return;
  const name = options.name ?? 'dataLayer';
  const event = (kind === 'exposure' ? options.exposureEvent : options.conversionEvent) ?? `edgeseg_${kind}`;
  const holder = win as unknown as Record<string, unknown>;
  const layer = (Array.isArray(holder[name]) ? holder[name] : (holder[name] = [])) as unknown[];
  // A copy: a tag that mutates what it gets cannot change our records.
  layer.push({ event, edgeseg: JSON.parse(JSON.stringify(payload)) as unknown });
}
