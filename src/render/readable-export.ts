import type { ExportedData } from '../types/client';
import type { ConsentState } from '../types/consent';

/** Automatic events a person recognizes by these words; other names are shown as the site named them. */
const EVENT_WORDS: Record<string, string> = {
  scroll: 'scroll depths reached',
  engagement: 'measures of time on a page',
  add_to_cart: 'items added to the cart',
  remove_from_cart: 'items removed from the cart',
  begin_checkout: 'checkouts started',
};

const date = (t: number): string =>
  new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
const dateTime = (t: number): string =>
  `${date(t)}, ${new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
const count = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const minutes = (seconds: number): string =>
  seconds < 90 ? count(Math.round(seconds), 'second') : count(Math.round(seconds / 60), 'minute');
const states = (s: ConsentState): string => `personalization ${s.personalization}, measurement ${s.measurement}`;
const SOURCES: Record<string, string> = { manual: 'your choice on this site', gpc: "your browser's privacy signal" };

/**
 * What edgeseg believes about the visitor and why, in words and rounded numbers, from
 * `exportData()`: the readable file the "why" widget downloads beside the JSON. Plain text,
 * so nothing in it can run or be mistaken for markup.
 */
export function readableExport(data: ExportedData): string {
  const lines: string[] = ["What this website's personalization knows about you", ''];
  lines.push(`Exported ${dateTime(Date.parse(data.exportedAt))}. Everything below is kept in this browser only.`, '');
  const s = data.segment;
  lines.push('YOUR SEGMENT');
  if (s.id) {
    lines.push(`"${s.label ?? s.id}" (about ${Math.round(s.confidence * 100)}% sure).`);
    if (s.explanation) lines.push(`Why: ${s.explanation}`);
  } else lines.push(`None. ${s.explanation}`);
  lines.push('');

  const p = data.profile;
  lines.push('WHAT WAS RECORDED');
  if (!p) lines.push('Nothing.');
  else {
    lines.push(
      `- ${count(p.pages, 'page view')} in ${count(p.sessions, 'visit')}, from ${date(p.firstSeen)} to ${date(p.lastSeen)}.`,
    );
    if (p.engaged > 0) lines.push(`- About ${minutes(p.engaged)} actively spent on pages.`);
    const types = Object.entries(p.pageTypes).sort((a, b) => b[1].n - a[1].n);
    if (types.length) lines.push(`- Pages by type: ${types.map(([t, v]) => `${t} ${v.n}`).join(', ')}.`);
    // Purchases and refunds have their own line below, with their value.
    const tracks = Object.entries(p.tracks).filter(([name]) => !/^(page_view|purchase|refund)$/.test(name));
    for (const [name, n] of tracks)
      lines.push(`- ${n.toLocaleString('en-GB')} ${EVENT_WORDS[name] ?? `"${name}" events`}.`);
    const c = p.commerce;
    if (c.purchases > 0)
      lines.push(
        `- ${count(c.purchases, 'purchase')}${c.currency ? `, ${(c.revenue - c.refunded).toFixed(2)} ${c.currency} in total` : ''}.`,
      );
    const traits = Object.entries(p.traits);
    if (traits.length)
      lines.push(`- What the site told us about you: ${traits.map(([k, v]) => `${k} = ${String(v)}`).join(', ')}.`);
    const ctx = [p.context.device, p.context.language, p.context.timeZone].filter(Boolean);
    if (ctx.length) lines.push(`- Your device and settings: ${ctx.join(', ')}.`);
  }
  lines.push(`- ${count(data.events.length, 'raw event')} kept (the full list is in the JSON file).`, '');

  lines.push('YOUR CONSENT');
  const receipts = data.consent.record?.receipts ?? [];
  lines.push(`Now: ${states(data.consent.state)}.`);
  for (const r of receipts) lines.push(`- ${dateTime(r.t)}: ${states(r.purposes)} (${SOURCES[r.source] ?? r.source}).`);
  lines.push('');

  lines.push('EXPERIMENTS AND WHAT WAS SENT');
  const ledger = data.records['measure'] as
    { exposures?: Record<string, { arm: string; views: number }>; conversions?: unknown[] } | undefined;
  const arms = Object.entries(ledger?.exposures ?? {});
  for (const [id, e] of arms)
    lines.push(`- Experiment "${id}": you see version "${e.arm}" (${count(e.views, 'page view')}).`);
  if (ledger?.conversions?.length)
    lines.push(`- ${count(ledger.conversions.length, 'goal')} reached and counted on this device.`);
  lines.push(
    data.consent.state.measurement === 'granted'
      ? 'Measurement is allowed: reports of which version you saw and whether a goal followed may be sent to this site (no identifier, no addresses of pages, none of the events above).'
      : 'Nothing: measurement is not allowed, so nothing about you leaves this device.',
  );
  lines.push('');
  lines.push('THE MODEL');
  lines.push(
    data.bundle
      ? `Segments come from the site's model version ${data.bundle.version} (not copied here: it is the same for everyone).`
      : 'No model was in use.',
  );
  lines.push(
    `Storage: ${data.storage === 'indexeddb' ? "this browser's IndexedDB" : data.storage === 'memory' ? 'memory only (gone when you leave)' : 'none'}.`,
  );
  return lines.join('\n') + '\n';
}
