// The DOM helpers every part of attach() shares.

let nextId = 1;

/** A number for element ids (`pdm-feedback-3`), unique in the page. */
export const uniqueId = () => nextId++;

/** A new `<tag class="className">` with `text` in it, as text (never as HTML). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
