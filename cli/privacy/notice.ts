import { readFileSync } from 'node:fs';
import type { DataCategory } from '../../src/types/privacy';
import type { Purpose } from '../../src/types/consent';
import type { Manifest } from './manifest';
import { NOTICE_EN } from './notice-en';

/** The notice's wording: `notice.en.json`, or a translation of it with the same keys. */
export type NoticeText = {
  title: string;
  intro: string;
  recordedHeading: string;
  recordedIntro: string;
  categories: Record<DataCategory, string>;
  whyHeading: string;
  purposeLabels: Record<Purpose, string>;
  purposeLine: string;
  keptHeading: string;
  keptIntro: string;
  keptLine: string;
  leavesHeading: string;
  leavesIntro: string;
  leavesLine: string;
  leavesConsent: string;
  choicesHeading: string;
  choiceOptIn: string;
  choiceOptOut: string;
  choiceGpc: string;
  choiceWidget: string;
  choiceRights: string;
};

/** Reads a translation of {@link NOTICE_EN}; throws naming the first missing key, so a translation cannot silently drop a sentence. */
export function readNoticeText(path: string): NoticeText {
  const text = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  for (const [key, value] of Object.entries(NOTICE_EN)) {
    const own = text[key];
    if (typeof own !== typeof value || own === null)
      throw new Error(`${path}: "${key}" is missing or not a ${typeof value}`);
    if (typeof value === 'object')
      for (const sub of Object.keys(value))
        if (typeof (own as Record<string, unknown>)[sub] !== 'string')
          throw new Error(`${path}: "${key}.${sub}" is missing`);
  }
  return text as NoticeText;
}

type Block = { heading: string } | { paragraph: string } | { list: string[] };

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);

/**
 * Sentence case for declarations that start in lower case, without a final period doubled,
 * addressed to the reader: the declarations speak of "the visitor", a notice of "you".
 */
const sentence = (s: string): string =>
  (s.charAt(0).toUpperCase() + s.slice(1))
    .replace(/\.\.$/, '.')
    .replace(/\b([Tt])he visitor's\b/g, (_, t: string) => (t === 'T' ? 'Your' : 'your'))
    .replace(/\b([Tt])he visitor\b/g, (_, t: string) => (t === 'T' ? 'You' : 'you'));

/** The notice as blocks, from the manifest (what is true for this config) and the wording. */
export function noticeBlocks(m: Manifest, t: NoticeText): Block[] {
  const used = new Set<DataCategory>([
    ...m.features.map((f) => f.category),
    ...Object.values(m.events.automatic).flatMap((fields) => Object.values(fields).map((f) => f.category)),
  ]);
  const categories = (Object.keys(t.categories) as DataCategory[]).filter(
    (c) => used.has(c) && c !== 'technical' && c !== 'consent',
  );
  const purposes = (Object.keys(m.purposes) as Purpose[]).map((p) =>
    sentence(
      fill(t.purposeLine, {
        label: t.purposeLabels[p],
        enables: m.purposes[p].enables,
        without: m.purposes[p].without,
      }),
    ),
  );
  const kept = m.storage.map((s) =>
    sentence(
      fill(t.keptLine, {
        holds: s.holds,
        where: s.where === 'indexedDB' ? 'IndexedDB' : 'localStorage',
        name: s.record ?? s.store ?? s.name,
        retention: s.retention,
      }),
    ),
  );
  const leaves = m.requests.map((r) => {
    const consent = r.purpose ? fill(t.leavesConsent, { purpose: t.purposeLabels[r.purpose].toLowerCase() }) : '';
    return sentence(fill(t.leavesLine, { what: r.what, when: r.when, consent, carries: r.carries }));
  });
  const choices = [m.consent.mode === 'opt-out' ? t.choiceOptOut : t.choiceOptIn];
  if (m.consent.gpc !== 'ignored') choices.push(t.choiceGpc);
  if (m.requests.some((r) => r.id === 'chunk:why')) choices.push(t.choiceWidget);
  choices.push(t.choiceRights);
  return [
    { heading: t.title },
    { paragraph: t.intro },
    { heading: t.recordedHeading },
    { paragraph: t.recordedIntro },
    { list: categories.map((c) => sentence(t.categories[c])) },
    { heading: t.whyHeading },
    { list: purposes },
    { heading: t.keptHeading },
    { paragraph: t.keptIntro },
    { list: kept },
    { heading: t.leavesHeading },
    { paragraph: t.leavesIntro },
    { list: leaves },
    { heading: t.choicesHeading },
    ...choices.map((paragraph) => ({ paragraph })),
  ];
}

/** Markdown: `##` for the title and `###` below it, so it drops into a privacy policy's own sections. */
export function noticeMarkdown(blocks: Block[]): string {
  let first = true;
  // Backticks stay: declarations quote code names (`weightsUrl`) as code.
  const escape = (s: string) => s.replace(/([\\*_[\]<>#])/g, '\\$1');
  return (
    blocks
      .map((b) => {
        if ('heading' in b) {
          const level = first ? '##' : '###';
          first = false;
          return `${level} ${escape(b.heading)}`;
        }
        if ('paragraph' in b) return escape(b.paragraph);
        return b.list.map((item) => `- ${escape(item)}`).join('\n');
      })
      .join('\n\n') + '\n'
  );
}

const html = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** An HTML fragment (a `<section>`), every text escaped. */
export function noticeHtml(blocks: Block[]): string {
  let first = true;
  const body = blocks.map((b) => {
    if ('heading' in b) {
      const tag = first ? 'h2' : 'h3';
      first = false;
      return `  <${tag}>${html(b.heading)}</${tag}>`;
    }
    if ('paragraph' in b) return `  <p>${html(b.paragraph)}</p>`;
    return `  <ul>\n${b.list.map((item) => `    <li>${html(item)}</li>`).join('\n')}\n  </ul>`;
  });
  return `<section class="edgeseg-privacy-notice">\n${body.join('\n')}\n</section>\n`;
}
