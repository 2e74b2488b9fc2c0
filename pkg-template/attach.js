// attach(element, options): the as-you-type experience on a <textarea>, an
// <input> or a contenteditable element. It never touches what the author types:
// highlights are drawn in an overlay next to the field, so the caret, the undo
// history and IME composition (dead keys, mobile keyboards) stay the browser's.
//
//   import { attach } from 'poids-des-mots/attach';
//   const handle = attach(document.querySelector('textarea'), { locale: 'fr' });
//   handle.addEventListener('send-anyway', () => count++);  // local counting, if you wish
import { createChecker, describe } from './checker.js';
import { MESSAGES } from './messages.js';
import { DEFAULT_RESOURCES, resourceText, supportKind } from './resources.js';
import { ATTACH_CHECKER_KEYS, ATTACH_KEYS, CHECKER_KEYS } from './option-keys.js';
import { CSS } from './attach/css.js'; // generated from attach.css by scripts/build.sh

export { createChecker } from './checker.js';
export { MESSAGES } from './messages.js';
export { RESOURCES_FR, RESOURCES_GB, DEFAULT_RESOURCES, supportKind } from './resources.js';
/** The stylesheet attach() adopts: the text of attach.css. */
export { CSS };

const LEVELS = ['none', 'notice', 'warn', 'alert'];
const SENSITIVITIES = ['notice', 'warn', 'alert'];
const TEXT_INPUT_TYPES = ['text', 'search', 'email', 'url', 'tel', ''];
// Styles the mirror copies from a textarea/input so that its text lays out identically.
const MIRRORED = [
  'direction', 'font-family', 'font-size', 'font-style', 'font-weight', 'font-variant', 'font-stretch',
  'font-feature-settings', 'font-kerning', 'letter-spacing', 'word-spacing', 'line-height', 'text-indent',
  'text-transform', 'text-align', 'tab-size', 'white-space', 'overflow-wrap', 'word-break', 'hyphens',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
];


const attached = new WeakMap(); // element -> handle
const adopted = new Map(); // Document | ShadowRoot -> { sheet, count }
let nextId = 1;

function fail(Ctor, message) {
  return new Ctor(`poids-des-mots: ${message}`);
}

function isTextField(el) {
  if (el instanceof HTMLTextAreaElement) return 'textarea';
  if (el instanceof HTMLInputElement && TEXT_INPUT_TYPES.includes(el.getAttribute('type') ?? '')) return 'input';
  if (el instanceof HTMLElement && el.isContentEditable) return 'editable';
  return null;
}

/** Checks attach()'s options; returns them with defaults filled in. */
function validate(element, options) {
  const kind = typeof HTMLElement === 'function' ? isTextField(element) : null;
  if (!kind) {
    throw fail(TypeError, `attach(element) expects a <textarea>, a text <input> or a contenteditable element, got ${
      element && element.nodeName ? `<${element.nodeName.toLowerCase()}>` : describe(element)}`);
  }
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw fail(TypeError, `attach(element, options) expects an options object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!ATTACH_KEYS.includes(key)) throw fail(TypeError, `unknown key "${key}" in attach options; expected one of ${ATTACH_KEYS.join(', ')}`);
  }
  const o = { ...options };
  if (o.checker !== undefined) {
    const c = o.checker;
    if (!c || (typeof c.analyze !== 'function' && typeof c.then !== 'function')) {
      throw fail(TypeError, `option checker expects a checker from createChecker() (or its promise), got ${describe(c)}`);
    }
    const clash = ATTACH_CHECKER_KEYS.filter((k) => o[k] !== undefined);
    if (clash.length) throw fail(TypeError, `option ${clash[0]} belongs to createChecker() when a checker is given`);
  }
  if (o.locale !== undefined && !Object.hasOwn(MESSAGES, o.locale)) {
    throw fail(RangeError, `option locale expects 'fr' or 'en', got ${JSON.stringify(o.locale)}`);
  }
  if (o.sensitivity === undefined) o.sensitivity = 'warn';
  else if (!SENSITIVITIES.includes(o.sensitivity)) {
    throw fail(RangeError, `option sensitivity expects 'notice', 'warn' or 'alert', got ${JSON.stringify(o.sensitivity)}`);
  }
  if (o.debounce === undefined) o.debounce = 150;
  else if (typeof o.debounce !== 'number') throw fail(TypeError, `option debounce expects a number of milliseconds, got ${describe(o.debounce)}`);
  else if (!Number.isFinite(o.debounce) || o.debounce < 0 || o.debounce > 10_000) {
    throw fail(RangeError, `option debounce expects 0 to 10000 milliseconds, got ${o.debounce}`);
  }
  for (const k of ['highlight', 'guard', 'styles']) {
    if (o[k] === undefined) o[k] = true;
    else if (typeof o[k] !== 'boolean') throw fail(TypeError, `option ${k} expects a boolean, got ${describe(o[k])}`);
  }
  if (o.feedback === undefined) o.feedback = true;
  else if (typeof o.feedback !== 'boolean' && !(o.feedback instanceof HTMLElement)) {
    throw fail(TypeError, `option feedback expects a boolean or an element to render into, got ${describe(o.feedback)}`);
  }
  if (o.form !== undefined && o.form !== null && !(o.form instanceof HTMLFormElement)) {
    throw fail(TypeError, `option form expects a <form>, got ${describe(o.form)}`);
  }
  if (o.help === undefined) o.help = true;
  else if (typeof o.help !== 'boolean' && typeof o.help !== 'string') {
    throw fail(TypeError, `option help expects true, false or the sentence to show, got ${describe(o.help)}`);
  }
  if (o.resources === undefined) o.resources = DEFAULT_RESOURCES;
  else if (o.resources !== null && (typeof o.resources !== 'object' || Array.isArray(o.resources))) {
    throw fail(TypeError, `option resources expects an object like RESOURCES_FR, or null, got ${describe(o.resources)}`);
  }
  if (o.messages !== undefined) {
    if (!o.messages || typeof o.messages !== 'object' || Array.isArray(o.messages)) {
      throw fail(TypeError, `option messages expects an object, got ${describe(o.messages)}`);
    }
    for (const [k, v] of Object.entries(o.messages)) {
      if (!Object.hasOwn(MESSAGES.fr, k)) throw fail(TypeError, `unknown key "${k}" in option messages; expected one of ${Object.keys(MESSAGES.fr).join(', ')}`);
      if (typeof v !== 'string') throw fail(TypeError, `messages.${k} expects a string, got ${describe(v)}`);
    }
  }
  return { kind, o };
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const isDistress = (f) => f.category === 'distress';
const rank = (level) => LEVELS.indexOf(level);

/** The text of a contenteditable element, and where each text node sits in it. */
function readEditable(root) {
  let text = '';
  const segs = [];
  const BLOCK = /^(DIV|P|LI|UL|OL|H[1-6]|BLOCKQUOTE|PRE|SECTION|ARTICLE|TR)$/;
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        segs.push({ node: child, start: text.length });
        text += child.data;
      } else if (child.nodeType === 1) {
        if (child.nodeName === 'BR') {
          text += '\n';
          continue;
        }
        const block = BLOCK.test(child.nodeName);
        if (block && text && !text.endsWith('\n')) text += '\n';
        walk(child);
        if (block && text && !text.endsWith('\n')) text += '\n';
      }
    }
  };
  walk(root);
  return { text, segs };
}

/** A DOM position for a UTF-16 offset of readEditable()'s text. */
function positionAt(segs, offset, preferNext) {
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const end = s.start + s.node.data.length;
    if (offset < end || (offset === end && !preferNext) || (offset === end && i === segs.length - 1)) {
      if (offset >= s.start) return { node: s.node, offset: offset - s.start };
    }
  }
  return null;
}

/** Findings of `old` report moved along an edit from oldText to text; those the edit touched are dropped. */
function carryOver(findings, oldText, text) {
  if (!findings.length || oldText === text) return findings;
  let p = 0;
  const max = Math.min(oldText.length, text.length);
  while (p < max && oldText.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && oldText.charCodeAt(oldText.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const oldEditEnd = oldText.length - s;
  const delta = text.length - oldText.length;
  const out = [];
  for (const f of findings) {
    if (f.end <= p) out.push(f);
    else if (f.start >= oldEditEnd) out.push({ ...f, start: f.start + delta, end: f.end + delta });
  }
  return out;
}

function adoptStyles(root) {
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

/**
 * Watches `element` as the author types. Throws a TypeError or RangeError for
 * invalid options, synchronously; `handle.ready` rejects if the analyzer cannot
 * start (the field keeps working, without the check).
 */
export function attach(element, options) {
  const { kind, o } = validate(element, options);
  if (attached.has(element)) throw fail(Error, 'this element is already attached; call detach() on its handle first');
  return new AttachHandle(element, kind, o);
}

class AttachHandle extends EventTarget {
  #el;
  #kind;
  #o;
  #cleanup = [];
  #checker = null;
  #ownChecker = false;
  #timer = 0;
  #composing = false;
  #busy = false;
  #again = false;
  #shown = { text: '', findings: [] };
  #feedbackKey = '';
  #overlay = null;
  #mirror = null;
  #panel = null;
  #dialog = null;
  #pendingConfirm = null;
  #bypass = false;
  #form = null;
  #detached = false;

  constructor(element, kind, o) {
    super();
    this.#el = element;
    this.#kind = kind;
    this.#o = o;
    /** @type {import('./poids_des_mots.js').Report | null} */
    this.report = null;
    this.text = null;
    this.state = 'loading';
    this.timing = null;
    attached.set(element, this);
    const id = nextId++;

    if (o.styles) {
      const undo = adoptStyles(element.getRootNode());
      if (undo) this.#cleanup.push(undo);
    }
    if (o.highlight) this.#buildOverlay();
    if (o.feedback) this.#buildPanel(id);
    this.#listen(element, 'input', (e) => this.#onInput(e));
    this.#listen(element, 'compositionstart', () => { this.#composing = true; clearTimeout(this.#timer); });
    this.#listen(element, 'compositionend', () => { this.#composing = false; this.#onInput(); });
    this.#listen(element, 'scroll', () => this.#paint());
    if (typeof window !== 'undefined') this.#listen(window, 'resize', () => this.#paint());
    if (typeof ResizeObserver === 'function' && this.#overlay) {
      const ro = new ResizeObserver(() => this.#paint());
      ro.observe(element);
      this.#cleanup.push(() => ro.disconnect());
    }
    this.#form = o.form || element.form || element.closest('form');
    if (o.guard && this.#form) this.#listen(this.#form, 'submit', (e) => this.#onSubmit(e), true);

    const source = o.checker
      ? Promise.resolve(o.checker)
      : createChecker(Object.fromEntries(CHECKER_KEYS.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])));
    this.ready = source.then(
      (checker) => {
        if (this.#detached) {
          if (!o.checker) checker.destroy();
          return;
        }
        this.#checker = checker;
        this.#ownChecker = !o.checker;
        this.#analyze();
      },
      (err) => {
        if (!this.#detached) this.#render('error', [], this.#msg().failed);
        throw err;
      },
    );
    this.ready.catch(() => {}); // unhandled only if the site does not look
    this.#render('loading', [], this.#msg().loading);
  }

  /** The checker in use (null until ready). */
  get checker() {
    return this.#checker;
  }
  get element() {
    return this.#el;
  }
  get locale() {
    return this.#o.locale || (this.#checker && this.#checker.locale) || 'fr';
  }

  #msg() {
    return { ...MESSAGES[this.locale] || MESSAGES.fr, ...(this.#o.messages || {}) };
  }

  #listen(target, type, fn, capture = false) {
    target.addEventListener(type, fn, capture);
    this.#cleanup.push(() => target.removeEventListener(type, fn, capture));
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  /** The current text of the field. */
  read() {
    if (this.#kind === 'editable') return readEditable(this.#el).text;
    return this.#el.value;
  }

  // ------------------------------------------------------------ analysis

  #onInput(event) {
    if (this.#detached) return;
    if (this.#composing || (event && event.isComposing)) return; // never during IME composition
    const text = this.read();
    // Highlights follow the text at once (moved by the edit), analysis after a pause.
    this.#shown = { text, findings: carryOver(this.#shown.findings, this.#shown.text, text) };
    this.#paint();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#analyze(), this.#o.debounce);
  }

  async #analyze() {
    clearTimeout(this.#timer);
    if (!this.#checker || this.#detached || this.#composing) return null;
    if (this.#busy) {
      this.#again = true; // one at a time; the latest text goes next
      return null;
    }
    this.#busy = true;
    const text = this.read();
    let report = null;
    try {
      report = await this.#checker.analyze(text);
    } catch (err) {
      if (!this.#detached) {
        this.report = null;
        this.text = null;
        this.#shown = { text, findings: [] };
        this.#paint();
        this.#render('error', [], err instanceof RangeError ? this.#msg().tooLong : this.#msg().failed);
      }
    } finally {
      this.#busy = false;
    }
    if (this.#detached) return null;
    if (report) this.#accept(text, report);
    if (this.#again || (report && this.read() !== text)) {
      this.#again = false;
      if (!this.#timer) this.#timer = setTimeout(() => this.#analyze(), 0);
    }
    return report;
  }

  #accept(text, report) {
    this.report = report;
    this.text = text;
    this.timing = this.#checker.lastTiming;
    const current = this.read();
    this.#shown = { text: current, findings: carryOver(report.findings, text, current) };
    this.#paint();
    this.#renderReport(text, report);
    this.#emit('analysis', { report, text, state: this.state, timing: this.timing });
  }

  /** Analyses the current text now (skipping the debounce); resolves with its report. */
  async check() {
    await this.ready;
    const text = this.read();
    if (this.text === text && this.report) return this.report;
    if (this.#checker.analyzeSync) {
      clearTimeout(this.#timer);
      this.#timer = 0;
      try {
        const report = this.#checker.analyzeSync(text);
        this.#accept(text, report);
        return report;
      } catch (err) {
        this.#render('error', [], err instanceof RangeError ? this.#msg().tooLong : this.#msg().failed);
        throw err;
      }
    }
    for (;;) {
      const report = await this.#checker.analyze(text);
      if (this.read() === text) {
        this.#accept(text, report);
        return report;
      }
      return this.check();
    }
  }

  // ---------------------------------------------------------- highlights

  #buildOverlay() {
    const overlay = el('div', 'pdm-overlay');
    overlay.setAttribute('aria-hidden', 'true');
    if (this.#kind !== 'editable') {
      this.#mirror = el('div', 'pdm-mirror');
      overlay.append(this.#mirror);
    }
    this.#el.after(overlay);
    this.#overlay = overlay;
    this.#cleanup.push(() => overlay.remove());
  }

  #paint() {
    const overlay = this.#overlay;
    if (!overlay || this.#detached) return;
    const field = this.#el;
    const st = overlay.style;
    st.top = `${field.offsetTop}px`;
    st.left = `${field.offsetLeft}px`;
    st.width = `${field.offsetWidth}px`;
    st.height = `${field.offsetHeight}px`;
    const { text, findings } = this.#shown;
    const spans = findings.filter((f) => f.end > f.start && f.end <= text.length);
    if (this.#kind === 'editable') this.#paintBoxes(spans);
    else this.#paintMirror(text, spans);
  }

  #paintMirror(text, spans) {
    const field = this.#el;
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
      frag.append(el('mark', `pdm-mark ${isDistress(s) ? 'pdm-care' : `pdm-sev-${s.severity}`}`, text.slice(s.start, s.end)));
      pos = s.end;
    }
    frag.append(text.slice(pos), '\u200b'); // a trailing newline needs something after it
    mirror.replaceChildren(frag);
    mirror.scrollTop = field.scrollTop;
    mirror.scrollLeft = field.scrollLeft;
  }

  #paintBoxes(spans) {
    const overlay = this.#overlay;
    const { segs } = readEditable(this.#el);
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
        const box = el('span', `pdm-box ${isDistress(s) ? 'pdm-care' : `pdm-sev-${s.severity}`}`);
        box.style.left = `${r.left - origin.left}px`;
        box.style.top = `${r.top - origin.top}px`;
        box.style.width = `${r.width}px`;
        box.style.height = `${r.height}px`;
        boxes.push(box);
      }
    }
    overlay.replaceChildren(...boxes);
  }

  // ------------------------------------------------------------ feedback

  #buildPanel(id) {
    const panel = el('div', 'pdm-feedback');
    panel.id = `pdm-feedback-${id}`;
    panel.setAttribute('role', 'status');
    panel.setAttribute('aria-live', 'polite');
    panel.setAttribute('aria-atomic', 'true');
    if (this.#o.feedback instanceof HTMLElement) this.#o.feedback.append(panel);
    else (this.#overlay || this.#el).after(panel);
    this.#panel = panel;
    const field = this.#el;
    const before = field.getAttribute('aria-describedby');
    field.setAttribute('aria-describedby', before ? `${before} ${panel.id}` : panel.id);
    this.#cleanup.push(() => {
      panel.remove();
      if (before === null) field.removeAttribute('aria-describedby');
      else field.setAttribute('aria-describedby', before);
    });
  }

  /** The state shown for a report: support for distress, a warning from `notice` up. */
  #stateOf(text, report) {
    if (text.trim() === '') return 'empty';
    if (report.distress || report.findings.some(isDistress)) return 'distress';
    const weighing = report.findings.some((f) => !isDistress(f));
    if (!weighing || report.level === 'none') return 'none';
    return report.level;
  }

  #helpLine() {
    const h = this.#o.help;
    if (h === false) return '';
    if (typeof h === 'string') return h;
    return resourceText(this.#o.resources, 'harassment', this.locale);
  }

  #renderReport(text, report) {
    const m = this.#msg();
    const state = this.#stateOf(text, report);
    const nodes = [];
    const weighing = report.findings.filter((f) => !isDistress(f));
    if (state === 'distress') {
      nodes.push(el('p', 'pdm-title', m.distressTitle), el('p', 'pdm-text', m.distressText));
      const kinds = new Set(report.findings.filter(isDistress).map(supportKind));
      if (!kinds.size) kinds.add('harassment');
      for (const k of ['suicide', 'harassment']) {
        const line = kinds.has(k) ? resourceText(this.#o.resources, k, this.locale) : '';
        if (line) nodes.push(el('p', 'pdm-help pdm-support', line));
      }
    } else if (state === 'notice' || state === 'warn' || state === 'alert') {
      nodes.push(el('p', 'pdm-title', m[state]), this.#reasons(weighing, true));
      if (state !== 'notice') nodes.push(el('p', 'pdm-text', m.suggestion));
      const help = this.#helpLine();
      if (help) nodes.push(el('p', 'pdm-help', help));
    } else if (state === 'none') {
      nodes.push(el('p', 'pdm-title', m.none));
    }
    this.#render(state, nodes);
  }

  #render(state, nodes, title) {
    this.state = state;
    const field = this.#el;
    if (state === 'empty' || state === 'loading') delete field.dataset.pdmState;
    else field.dataset.pdmState = state;
    if (!this.#panel) return;
    if (title) nodes = [el('p', 'pdm-title', title)];
    // Only touch the live region when its words change: a screen reader
    // should not repeat the same message at every key press.
    const key = `${state}\n${nodes.map((n) => n.textContent).join('\n')}`;
    if (key === this.#feedbackKey) return;
    this.#feedbackKey = key;
    this.#panel.dataset.pdmState = state;
    this.#panel.replaceChildren(...nodes);
  }

  /** "« word » : explanation" items; the words are buttons that select them in the field. */
  #reasons(findings, withButtons) {
    const list = el('ul', 'pdm-reasons');
    const groups = new Map();
    for (const f of findings) {
      let g = groups.get(f.explanation);
      if (!g) groups.set(f.explanation, (g = { explanation: f.explanation, items: [] }));
      if (!g.items.some((x) => x.text === f.text)) g.items.push(f);
    }
    const m = this.#msg();
    for (const g of groups.values()) {
      const li = el('li');
      g.items.forEach((f, i) => {
        if (i) li.append(', ');
        const label = `« ${f.text} »`;
        if (withButtons) {
          const b = el('button', 'pdm-word', label);
          b.type = 'button';
          b.setAttribute('aria-label', `${m.goToWord} ${label}`);
          // After the key event that pressed it: an Enter must not reach the field.
          // The panel is not redrawn when its words stay the same: find the span in the
          // current text when pressed. After the key event that pressed it, so that an
          // Enter never reaches the field.
          b.addEventListener('click', () => setTimeout(() => {
            if (this.#detached) return;
            const now = this.#shown.findings.find((x) => x.text === f.text && x.explanation === f.explanation);
            this.#select(now || null);
          }, 0));
          li.append(b);
        } else {
          li.append(el('strong', 'pdm-word-text', label));
        }
      });
      li.append(' : ', g.explanation);
      list.append(li);
    }
    return list;
  }

  /** Puts the focus back in the field with `f` selected (or the caret at the end). */
  #select(f) {
    const field = this.#el;
    field.focus();
    const text = this.read();
    if (this.#kind !== 'editable') {
      if (f && text.slice(f.start, f.end) === f.text) field.setSelectionRange(f.start, f.end);
      else field.setSelectionRange(text.length, text.length);
      return;
    }
    const { segs } = readEditable(field);
    const a = f && text.slice(f.start, f.end) === f.text ? positionAt(segs, f.start, true) : null;
    const b = a ? positionAt(segs, f.end, false) : null;
    const sel = field.ownerDocument.getSelection();
    const range = document.createRange();
    if (a && b) {
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
    } else {
      range.selectNodeContents(field);
      range.collapse(false);
    }
    sel.removeAllRanges();
    sel.addRange(range);
  }

  // ------------------------------------------------------- confirm / guard

  /** Would this report ask the author to confirm? Never for distress. */
  needsConfirmation(report = this.report) {
    if (!report || report.distress || report.findings.some(isDistress)) return false;
    return report.findings.length > 0 && rank(report.level) >= rank(this.#o.sensitivity);
  }

  #buildDialog() {
    const m = this.#msg();
    const dialog = el('dialog', 'pdm-dialog');
    const n = nextId++;
    const title = el('h2', 'pdm-dialog-title', m.confirmTitle);
    title.id = `pdm-confirm-title-${n}`;
    const body = el('div', 'pdm-dialog-body');
    body.id = `pdm-confirm-body-${n}`;
    dialog.setAttribute('aria-labelledby', title.id);
    dialog.setAttribute('aria-describedby', body.id);
    const rephrase = el('button', 'pdm-button pdm-primary pdm-rephrase', m.rephrase);
    rephrase.type = 'button';
    rephrase.autofocus = true;
    const anyway = el('button', 'pdm-button pdm-secondary pdm-send-anyway', m.sendAnyway);
    anyway.type = 'button';
    const actions = el('div', 'pdm-actions');
    actions.append(rephrase, anyway);
    dialog.append(title, body, actions);
    rephrase.addEventListener('click', () => this.#answer(false));
    anyway.addEventListener('click', () => this.#answer(true));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault(); // Escape is "rephrase"
      this.#answer(false);
    });
    (this.#panel || this.#overlay || this.#el).after(dialog);
    this.#dialog = dialog;
    this.#cleanup.push(() => {
      if (dialog.open) dialog.close();
      dialog.remove();
    });
    return dialog;
  }

  #answer(send) {
    const pending = this.#pendingConfirm;
    if (!pending) return;
    this.#pendingConfirm = null;
    this.#dialog.close();
    this.#emit(send ? 'send-anyway' : 'rephrase', { report: pending.report });
    if (!send) this.#select(null);
    pending.resolve(send);
  }

  /**
   * Asks the author to confirm when the current text needs it. Resolves true
   * to send (nothing heavy, distress, or "send anyway"), false to rephrase.
   */
  async confirm() {
    if (this.#detached) return true;
    let report;
    try {
      report = await this.check();
    } catch {
      return true; // the check could not run: never block the author
    }
    if (!this.needsConfirmation(report)) return true;
    if (this.#pendingConfirm) return this.#pendingConfirm.promise;
    const m = this.#msg();
    const dialog = this.#dialog || this.#buildDialog();
    dialog.querySelector('.pdm-dialog-title').textContent = m.confirmTitle;
    dialog.querySelector('.pdm-rephrase').textContent = m.rephrase;
    dialog.querySelector('.pdm-send-anyway').textContent = m.sendAnyway;
    const body = dialog.querySelector('.pdm-dialog-body');
    const parts = [el('p', '', m.confirmBody), this.#reasons(report.findings.filter((f) => !isDistress(f)), false), el('p', '', m.confirmHint)];
    const help = this.#helpLine();
    if (help) parts.push(el('p', 'pdm-help', help));
    body.replaceChildren(...parts);
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    this.#pendingConfirm = { report, resolve, promise };
    dialog.showModal();
    dialog.querySelector('.pdm-rephrase').focus();
    this.#emit('confirm', { report });
    return promise;
  }

  #onSubmit(event) {
    if (this.#bypass) {
      this.#bypass = false;
      return;
    }
    if (!this.#checker || this.#detached) return; // not ready: never block the author
    const text = this.read();
    if (this.text === text && this.report && !this.needsConfirmation(this.report)) return;
    if (this.#checker.analyzeSync && !(this.text === text && this.report)) {
      let report = null;
      try {
        report = this.#checker.analyzeSync(text);
      } catch {
        return;
      }
      clearTimeout(this.#timer);
      this.#timer = 0;
      this.#accept(text, report);
      if (!this.needsConfirmation(report)) return;
    }
    // Hold this submission; send it again once the author has decided.
    event.preventDefault();
    event.stopImmediatePropagation();
    const submitter = event.submitter;
    this.confirm().then((send) => {
      if (!send || this.#detached) return;
      this.#bypass = true;
      const form = this.#form;
      if (submitter && submitter.isConnected && submitter.form === form) form.requestSubmit(submitter);
      else form.requestSubmit();
      this.#bypass = false;
    });
  }

  /** Removes every listener, node, attribute and stylesheet attach() added. */
  detach() {
    if (this.#detached) return;
    this.#detached = true;
    clearTimeout(this.#timer);
    if (this.#pendingConfirm) {
      this.#pendingConfirm.resolve(true);
      this.#pendingConfirm = null;
    }
    for (const undo of this.#cleanup.splice(0).reverse()) undo();
    delete this.#el.dataset.pdmState;
    attached.delete(this.#el);
    if (this.#ownChecker && this.#checker) this.#checker.destroy();
    this.#checker = null;
    this.#emit('detach', {});
  }
}

export { AttachHandle };
