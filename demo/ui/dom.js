// A tiny element builder for the demo UI: createElement and textContent only, never HTML strings.

/**
 * `el('button', { class: 'x', onclick: fn }, 'text', child)`.
 * @param {string} tag
 * @param {Record<string, unknown> | null} [attrs]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** The page's feedback line (role=status): tells the visitor what a button did. */
export function notify(message) {
  const line = document.getElementById('notice');
  if (line) line.textContent = message;
}
