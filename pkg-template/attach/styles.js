// The stylesheet of attach(), adopted as a constructed stylesheet (allowed under a strict CSP,
// style-src 'self'): once per document or shadow root, however many fields are attached in it, and
// removed with the last one.
import { CSS } from './css.js'; // generated from attach.css by scripts/build.sh

const adopted = new Map(); // Document | ShadowRoot -> { sheet, count }

/** Adopts the styles in `root`; returns what undoes it (or null where stylesheets cannot be adopted). */
export function adoptStyles(root) {
  if (!root || !('adoptedStyleSheets' in root) || typeof CSSStyleSheet !== 'function') return null;
  let entry = adopted.get(root);
  if (!entry) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    adopted.set(root, (entry = { sheet, count: 0 }));
  }
  entry.count++;
  return () => {
    if (--entry.count > 0) return;
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== entry.sheet);
    adopted.delete(root);
  };
}
