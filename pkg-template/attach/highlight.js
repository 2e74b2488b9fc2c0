// The highlights: an overlay placed right after the field, never inside it, so that the caret, the undo
// history and IME composition stay the browser's. Over a textarea or an input, a mirror of its text
// with the spans in <mark>; over a contenteditable element, boxes on the spans' rectangles.
import { el } from './dom.js';
import { positionAt, readEditable } from './field.js';
import { isDistress } from './policy.js';

// Styles the mirror copies from a textarea/input so that its text lays out identically.
const MIRRORED = [
  'direction', 'font-family', 'font-size', 'font-style', 'font-weight', 'font-variant', 'font-stretch',
  'font-feature-settings', 'font-kerning', 'letter-spacing', 'word-spacing', 'line-height', 'text-indent',
  'text-transform', 'text-align', 'tab-size', 'white-space', 'overflow-wrap', 'word-break', 'hyphens',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
];

/** The class of a span's mark: its severity, or care for distress (CSS varies the line, not only the colour). */
const markClass = (f) => (isDistress(f) ? 'pdm-care' : `pdm-sev-${f.severity}`);

export class Highlight {
  #field;
  #kind;
  #mirror = null;

  /** Adds the overlay after `field` (a field of `kind`, see fieldKind()). */
  constructor(field, kind) {
    this.#field = field;
    this.#kind = kind;
    const overlay = el('div', 'pdm-overlay');
    overlay.setAttribute('aria-hidden', 'true');
    if (kind !== 'editable') {
      this.#mirror = el('div', 'pdm-mirror');
      overlay.append(this.#mirror);
    }
    field.after(overlay);
    /** The overlay element (the panel and the dialog go after it). */
    this.node = overlay;
  }

  /** Draws `findings` of `text` (the field's current text) over the field. */
  paint(text, findings) {
    const field = this.#field;
    const st = this.node.style;
    st.top = `${field.offsetTop}px`;
    st.left = `${field.offsetLeft}px`;
    st.width = `${field.offsetWidth}px`;
    st.height = `${field.offsetHeight}px`;
    const spans = findings.filter((f) => f.end > f.start && f.end <= text.length);
    if (this.#kind === 'editable') this.#paintBoxes(spans);
    else this.#paintMirror(text, spans);
  }

  remove() {
    this.node.remove();
  }

  #paintMirror(text, spans) {
    const field = this.#field;
    const mirror = this.#mirror;
    const cs = getComputedStyle(field);
    for (const p of MIRRORED) mirror.style.setProperty(p, cs.getPropertyValue(p));
    const bl = parseFloat(cs.borderLeftWidth) || 0;
    const br = parseFloat(cs.borderRightWidth) || 0;
    const bt = parseFloat(cs.borderTopWidth) || 0;
    const bb = parseFloat(cs.borderBottomWidth) || 0;
    // Leave out the scrollbar, as the field's text does.
    mirror.style.width = `${field.clientWidth + bl + br}px`;
    mirror.style.height = `${field.clientHeight + bt + bb}px`;
    if (this.#kind === 'input') {
      mirror.style.whiteSpace = 'pre';
      const inner = field.clientHeight - (parseFloat(cs.paddingTop) || 0) - (parseFloat(cs.paddingBottom) || 0);
      mirror.style.lineHeight = `${Math.max(inner, 0)}px`;
    } else if (cs.whiteSpace === 'normal') {
      mirror.style.whiteSpace = 'pre-wrap';
    }
    const frag = document.createDocumentFragment();
    let pos = 0;
    for (const s of spans) {
      if (s.start < pos) continue;
      if (s.start > pos) frag.append(text.slice(pos, s.start));
      frag.append(el('mark', `pdm-mark ${markClass(s)}`, text.slice(s.start, s.end)));
      pos = s.end;
    }
    frag.append(text.slice(pos), '\u200b'); // a trailing newline needs something after it
    mirror.replaceChildren(frag);
    mirror.scrollTop = field.scrollTop;
    mirror.scrollLeft = field.scrollLeft;
  }

  #paintBoxes(spans) {
    const overlay = this.node;
    const { segs } = readEditable(this.#field);
    const origin = overlay.getBoundingClientRect();
    const boxes = [];
    for (const s of spans) {
      const a = positionAt(segs, s.start, true);
      const b = positionAt(segs, s.end, false);
      if (!a || !b) continue;
      const range = document.createRange();
      try {
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset);
      } catch {
        continue;
      }
      for (const r of range.getClientRects()) {
        if (r.width < 1) continue;
        const box = el('span', `pdm-box ${markClass(s)}`);
        box.style.left = `${r.left - origin.left}px`;
        box.style.top = `${r.top - origin.top}px`;
        box.style.width = `${r.width}px`;
        box.style.height = `${r.height}px`;
        boxes.push(box);
      }
    }
    overlay.replaceChildren(...boxes);
  }
}
