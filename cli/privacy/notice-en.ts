import type { NoticeText } from './notice';

/**
 * The notice's English wording, all of it in this one file. To translate: `edgeseg privacy
 * notice --print-text > notice.fr.json`, translate the values, then `--text notice.fr.json`.
 * `{name}` placeholders are filled from the manifest.
 */
export const NOTICE_EN: NoticeText = {
  title: 'Personalization on this website',
  intro:
    'This website adapts some of its content to how you browse it. It does so with edgeseg, which works entirely in your browser: what you do on this site is recorded and analysed on your device, and the result decides which version of a page section you see.',
  recordedHeading: 'What is recorded on your device',
  recordedIntro: 'Only with your consent to personalization, and only on this website:',
  categories: {
    behaviour:
      'how you browse: pages viewed (their path and type, never the query string or the page title), clicks on elements the site marked, how far you scroll, time spent on pages',
    commerce: 'cart and purchase events the site reports: values, product ids and categories',
    acquisition: "how you arrived: campaign parameters and the referring website's name",
    context: 'coarse context: device class (mobile, tablet, desktop), browser language, time zone, time of day',
    traits: 'attributes the site passes itself, such as a loyalty tier',
    inference: 'the segment computed from the above',
    consent: 'your consent choices',
    technical: 'technical data that says nothing about you',
  },
  whyHeading: 'Why',
  purposeLabels: {
    personalization: 'Personalization',
    measurement: 'Measurement',
  },
  purposeLine: '{label} — with your consent: {enables}. Without it: {without}.',
  keptHeading: 'Where it is kept and for how long',
  keptIntro: "In your browser's storage for this website (no cookies are used):",
  keptLine: '{holds} ({where} "{name}"): {retention}.',
  leavesHeading: 'What leaves your device',
  leavesIntro:
    "Your browser downloads edgeseg's code and the segment model from this website; these downloads carry no information about you. Only the requests marked as needing your consent to measurement carry anything from your device, and only what they list.",
  leavesLine: '{what}: {when}{consent}; carries {carries}.',
  leavesConsent: ' (only with your consent to {purpose})',
  choicesHeading: 'Your choices and rights',
  choiceOptIn:
    'Nothing is recorded until you agree. You can change your choice at any time in the consent settings of this website; withdrawing erases everything edgeseg kept on your device at once.',
  choiceOptOut:
    'Personalization is on unless you object. You can object at any time in the consent settings of this website; objecting erases everything edgeseg kept on your device at once.',
  choiceGpc: 'If your browser sends a Global Privacy Control signal, it is honoured as a refusal.',
  choiceWidget:
    'The "Why am I seeing this?" button on personalized pages explains, in words, why you see what you see, lets you download everything kept about you (a readable summary and the complete data) and erase it.',
  choiceRights:
    "Your profile never leaves your device (with your consent to measurement, only anonymous reports that carry no identifier do), so the site holds no copy of it: clearing this website's data in your browser also erases it. You keep your rights of access, erasure and objection under the applicable data-protection law.",
};
