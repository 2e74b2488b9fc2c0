// The feedback panel: a polite live region after the field (or inside the site's element) that says
// what weighs and why, or offers support to an author in distress.
import { resourceText, supportKind } from '../resources.js';
import { el } from './dom.js';
import { isDistress } from './policy.js';
import { helpLine, reasonList } from './texts.js';

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
 * What the panel shows for `report` in `state` (see stateOf()). `t`: the texts `m`, the `help` and
 * `resources` options, the `locale`, and `onWord(finding)` for the word buttons.
 */
export function reportNodes(state, report, t) {
  const { m } = t;
  const nodes = [];
  if (state === 'distress') {
    nodes.push(el('p', 'pdm-title', m.distressTitle), el('p', 'pdm-text', m.distressText));
    const kinds = new Set(report.findings.filter(isDistress).map(supportKind));
    if (!kinds.size) kinds.add('harassment');
    for (const k of ['suicide', 'harassment']) {
      const line = kinds.has(k) ? resourceText(t.resources, k, t.locale) : '';
      if (line) nodes.push(el('p', 'pdm-help pdm-support', line));
    }
  } else if (state === 'notice' || state === 'warn' || state === 'alert') {
    const weighing = report.findings.filter((f) => !isDistress(f));
    nodes.push(el('p', 'pdm-title', m[state]), reasonList(weighing, m, t.onWord));
    if (state !== 'notice') nodes.push(el('p', 'pdm-text', m.suggestion));
    const help = helpLine(t.help, t.resources, t.locale);
    if (help) nodes.push(el('p', 'pdm-help', help));
  } else if (state === 'none') {
    nodes.push(el('p', 'pdm-title', m.none));
  }
  return nodes;
}
