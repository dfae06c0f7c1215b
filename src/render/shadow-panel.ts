/**
 * A panel in a closed-to-the-page shadow root: page styles cannot reach in (`all:
 * initial` on the host stops inherited ones too) and ours cannot leak out. Styles go in
 * a constructable stylesheet, which a strict `style-src` CSP allows; every node is
 * created with `createElement`/`textContent`, so Trusted Types has nothing to check.
 */
export interface Panel {
  host: HTMLElement;
  root: ShadowRoot;
}

/** Creates the panel's host at the end of `<body>` (or `<html>` before the body exists). */
export function createPanel(doc: Document, tag: string, css: string): Panel {
  const host = doc.createElement(tag);
  const root = host.attachShadow({ mode: 'open' });
  const Sheet = doc.defaultView?.CSSStyleSheet;
  try {
    if (Sheet && 'replaceSync' in Sheet.prototype) {
      const sheet = new Sheet();
      sheet.replaceSync(`:host{all:initial;position:fixed;z-index:2147483647}${css}`);
      root.adoptedStyleSheets = [sheet];
    }
  } catch {
    /* an old browser: the panel works unstyled */
  }
  (doc.body ?? doc.documentElement).appendChild(host);
  return { host, root };
}

type Child = Node | string | null | undefined | false;

/** `h('td', { class: 'n' }, 'text', node)`: an element with attributes and children. */
export function h(doc: Document, tag: string, attrs: Record<string, string> | null, ...children: Child[]): HTMLElement {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) el.setAttribute(name, value);
  for (const child of children) if (child) el.append(child);
  return el;
}

/** A two-column table of label/value rows, with a caption. */
export function table(doc: Document, caption: string, rows: [string, string][]): HTMLElement {
  return h(
    doc,
    'table',
    null,
    h(doc, 'caption', null, caption),
    h(
      doc,
      'tbody',
      null,
      ...rows.map(([k, v]) => h(doc, 'tr', null, h(doc, 'th', { scope: 'row' }, k), h(doc, 'td', null, v))),
    ),
  );
}

/**
 * Minimises or restores a panel from a toggle button; Escape anywhere in `box` minimises
 * and focuses the toggle. The body is focusable so keyboard users can scroll it.
 */
export function makeToggle(
  doc: Document,
  label: string,
  body: HTMLElement,
  open: boolean,
  box: HTMLElement,
): HTMLButtonElement {
  const button = h(
    doc,
    'button',
    { type: 'button', 'aria-expanded': String(open), class: 'toggle' },
    label,
  ) as HTMLButtonElement;
  const set = (next: boolean): void => {
    button.setAttribute('aria-expanded', String(next));
    body.hidden = !next;
  };
  set(open);
  body.tabIndex = 0;
  button.addEventListener('click', () => set(button.getAttribute('aria-expanded') !== 'true'));
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    set(false);
    button.focus();
  });
  return button;
}
