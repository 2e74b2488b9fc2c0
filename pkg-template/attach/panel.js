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

  /** Shows `nodes` for `state`. */
  show(state, nodes) {
    // Only touch the live region when its words change: a screen reader
    // should not repeat the same message at every key press.
    const key = `${state}\n${nodes.map((n) => n.textContent).join('\n')}`;
    if (key === this.#key) return;
    this.#key = key;
    this.node.dataset.pdmState = state;
    this.node.replaceChildren(...nodes);
  }

  /** Removes the panel, and gives the field back its own aria-describedby. */
  remove() {
    this.node.remove();
    if (this.#describedBy === null) this.#field.removeAttribute('aria-describedby');
    else this.#field.setAttribute('aria-describedby', this.#describedBy);
  }
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
  const nodes = supportNodes(support, t);
  if (caution !== 'none') {
    const title = caution === 'notice' && wordCount(advice.findings) > 1 ? m.noticeMany : m[caution];
    nodes.push(el('p', 'pdm-title', title), reasonList(advice.findings, m, t.onWord));
    if (caution !== 'notice') nodes.push(el('p', 'pdm-text', m.suggestion));
    const help = helpNodes(support, t);
    if (help) nodes.push(help);
  } else if (!support.length) {
    nodes.push(el('p', 'pdm-title', m.none));
  }
  return nodes;
}
