// The feedback panel: a polite live region after the field (or inside the site's element) that says
// what weighs and why, or offers support to an author in distress.
import { el } from './dom.js';
import { helpNodes, reasonList, supportNodes, wordCount } from './texts.js';

export class Panel {
  #field;
  #describedBy;
  #key = '';

  /** Adds the panel (id `pdm-feedback-<id>`) into `into`, or else after `after`; it describes `field`. */
  constructor(field, id, into, after) {
    const panel = el('div', 'pdm-feedback');
    panel.id = `pdm-feedback-${id}`;
    panel.setAttribute('role', 'status');
    panel.setAttribute('aria-live', 'polite');
    panel.setAttribute('aria-atomic', 'true');
    if (into) into.append(panel);
    else after.after(panel);
    /** The panel element (the dialog goes after it). */
    this.node = panel;
    this.#field = field;
    this.#describedBy = field.getAttribute('aria-describedby');
    field.setAttribute('aria-describedby', this.#describedBy ? `${this.#describedBy} ${panel.id}` : panel.id);
  }

  /** Shows `nodes` for `state`; true when the state changed (not only its words). */
  show(state, nodes) {
    // Only touch the live region when its words change: a screen reader
    // should not repeat the same message at every key press.
    const key = `${state}\n${nodes.map((n) => n.textContent).join('\n')}`;
    if (key === this.#key) return false;
    this.#key = key;
    const changed = this.node.dataset.pdmState !== state;
    this.node.dataset.pdmState = state;
    this.node.replaceChildren(...nodes);
    return changed;
  }

  /**
   * Scrolls the least needed for the start of the panel (its first two blocks: the title and the words,
   * or the support) to be seen on a small screen, on-screen keyboard included (the visual viewport),
   * while the field's last lines stay in view. Nothing moves when it is already visible.
   */
  reveal() {
    const panel = this.node;
    const field = this.#field;
    const parts = [...panel.children].slice(0, 2);
    if (!parts.length || typeof window === 'undefined') return;
    const scroller = scrollParent(panel);
    const vv = window.visualViewport;
    // The visible band, in client coordinates: the visual viewport, within the scroller's box.
    let top = vv ? vv.offsetTop : 0;
    let bottom = top + (vv ? vv.height : window.innerHeight);
    if (scroller) {
      const box = scroller.getBoundingClientRect();
      top = Math.max(top, box.top);
      bottom = Math.min(bottom, box.bottom);
    }
    const want = parts[parts.length - 1].getBoundingClientRect().bottom + REVEAL_MARGIN - bottom;
    if (want <= 0) return;
    // Keep two lines of the field above the band's top edge at most: the author is typing there.
    const line = parseFloat(getComputedStyle(field).lineHeight) || 24;
    const keep = field.getBoundingClientRect().bottom - top - 2 * line - REVEAL_MARGIN;
    const by = Math.min(want, Math.max(0, keep), panel.getBoundingClientRect().top - top);
    if (by <= 0) return;
    if (scroller) scroller.scrollTop += by;
    else window.scrollBy(0, by);
  }

  /** Removes the panel, and gives the field back its own aria-describedby. */
  remove() {
    this.node.remove();
    if (this.#describedBy === null) this.#field.removeAttribute('aria-describedby');
    else this.#field.setAttribute('aria-describedby', this.#describedBy);
  }
}

/** Room left under the revealed part of the panel, in CSS pixels. */
const REVEAL_MARGIN = 8;

/** The nearest ancestor of `node` that scrolls, or null for the page itself. */
function scrollParent(node) {
  for (let n = node.parentElement; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
    const { overflowY } = getComputedStyle(n);
    if ((overflowY === 'auto' || overflowY === 'scroll') && n.scrollHeight > n.clientHeight) return n;
  }
  return null;
}

/**
 * What the panel shows for `advice` (see advise() in policy.js): support first when the author needs it,
 * then the caution with the words that weigh (the very findings the highlight draws), or "nothing heavy".
 * `t`: the texts `m`, the `help` and `resources` options, the `locale`, and `onWord(finding)` for the
 * word buttons.
 */
export function reportNodes(advice, t) {
  const { m } = t;
  const { caution, support } = advice;
  const nodes = supportNodes(advice, t);
  if (caution !== 'none') {
    const title = caution === 'notice' && wordCount(advice.findings) > 1 ? m.noticeMany : m[caution];
    nodes.push(el('p', 'pdm-title', title), reasonList(advice.findings, m, t.onWord));
    if (caution !== 'notice') nodes.push(el('p', 'pdm-text', m.suggestion));
    const help = helpNodes(advice, t);
    if (help) nodes.push(help);
  } else if (!support.length) {
    nodes.push(el('p', 'pdm-title', m.none));
  }
  return nodes;
}
