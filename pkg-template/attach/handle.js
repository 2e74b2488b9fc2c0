// The handle attach() returns: it wires the parts (highlight, panel, dialog, styles) to the field and
// to a checker, analyses as the author types (debounced, one analysis at a time, never during IME
// composition), guards the form, and tells the site through events. What a report means is policy.js's.
import { createChecker } from '../checker.js';
import { CHECKER_KEYS } from '../option-keys.js';
import { ConfirmDialog } from './dialog.js';
import { el, uniqueId } from './dom.js';
import { carryOver, readField, selectSpan } from './field.js';
import { Highlight } from './highlight.js';
import { Panel, reportNodes } from './panel.js';
import { advise } from './policy.js';
import { adoptStyles } from './styles.js';
import { helpNodes, messagesFor, reasonList, supportNodes } from './texts.js';

const attached = new WeakMap(); // element -> handle
/** The states whose feedback the author should see while typing, on a small screen too. */
const WORTH_SEEING = ['notice', 'warn', 'alert', 'distress'];

/** Whether `element` has a handle (not detached). */
export const isAttached = (element) => attached.has(element);

export class AttachHandle extends EventTarget {
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
  #highlight = null;
  #panel = null;
  #dialog = null;
  #pendingConfirm = null;
  #bypass = false;
  #form = null;
  #detached = false;

  /** `kind` and `o` as validate() returns them. */
  constructor(element, kind, o) {
    super();
    this.#el = element;
    this.#kind = kind;
    this.#o = o;
    /** @type {import('../poids_des_mots.js').Report | null} */
    this.report = null;
    this.text = null;
    this.state = 'loading';
    this.timing = null;
    attached.set(element, this);
    const id = uniqueId();

    if (o.styles) {
      const undo = adoptStyles(element.getRootNode());
      if (undo) this.#cleanup.push(undo);
    }
    if (o.highlight) {
      const highlight = (this.#highlight = new Highlight(element, kind));
      this.#cleanup.push(() => highlight.remove());
    }
    if (o.feedback) {
      const into = o.feedback instanceof HTMLElement ? o.feedback : null;
      const panel = (this.#panel = new Panel(element, id, into, this.#highlight ? this.#highlight.node : element));
      this.#cleanup.push(() => panel.remove());
    }
    this.#listen(element, 'input', (e) => this.#onInput(e));
    this.#listen(element, 'compositionstart', () => { this.#composing = true; clearTimeout(this.#timer); });
    this.#listen(element, 'compositionend', () => { this.#composing = false; this.#onInput(); });
    this.#listen(element, 'scroll', () => this.#paint());
    if (typeof window !== 'undefined') this.#listen(window, 'resize', () => this.#paint());
    // An on-screen keyboard opening shrinks the visual viewport: keep the panel's start in view.
    if (typeof window !== 'undefined' && window.visualViewport && this.#panel) {
      this.#listen(window.visualViewport, 'resize', () => this.#typing() && this.#panel.reveal());
    }
    if (typeof ResizeObserver === 'function' && this.#highlight) {
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
        if (!this.#detached) {
          this.#show('error', [], this.#msg().failed);
          // The author sees "the check could not run"; the developer must learn why, even when the site
          // does not look at handle.ready: the field now goes unchecked and its form unguarded.
          console.error('poids-des-mots: attach() could not start the analyzer; this field is not checked and its form is not guarded:', err);
        }
        throw err;
      },
    );
    this.ready.catch(() => {}); // unhandled only if the site does not look
    this.#show('loading', [], this.#msg().loading);
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
    return messagesFor(this.locale, this.#o.messages);
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
    return readField(this.#el, this.#kind);
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
        this.#show('error', [], err instanceof RangeError ? this.#msg().tooLong : this.#msg().failed);
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
    const advice = advise(report, this.#o.sensitivity);
    // The highlight draws exactly the findings the panel names (advice.findings).
    this.#shown = { text: current, findings: carryOver(advice.findings, text, current) };
    this.#paint();
    if (text.trim() === '') this.#show('empty', []);
    else this.#show(advice.state, reportNodes(advice, this.#texts()));
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
        this.#show('error', [], err instanceof RangeError ? this.#msg().tooLong : this.#msg().failed);
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

  // ------------------------------------------------------------ what the author sees

  #paint() {
    if (this.#highlight && !this.#detached) this.#highlight.paint(this.#shown.text, this.#shown.findings);
  }

  /** The texts and options the panel and the dialog need. */
  #texts() {
    return {
      m: this.#msg(),
      help: this.#o.help,
      resources: this.#o.resources,
      locale: this.locale,
      // The panel is not redrawn when its words stay the same: find the span in the current text.
      onWord: (f) => {
        if (this.#detached) return;
        const now = this.#shown.findings.find((x) => x.text === f.text && x.explanation === f.explanation);
        selectSpan(this.#el, this.#kind, now || null);
      },
    };
  }

  /** Sets the state (on the handle and the field) and shows `nodes` in the panel, or only `title`. */
  #show(state, nodes, title) {
    this.state = state;
    const field = this.#el;
    if (state === 'empty' || state === 'loading') delete field.dataset.pdmState;
    else field.dataset.pdmState = state;
    if (!this.#panel) return;
    const changed = this.#panel.show(state, title ? [el('p', 'pdm-title', title)] : nodes);
    if (changed && this.#typing()) this.#panel.reveal();
  }

  /** Whether the author is in the field (the panel is brought into view only then, never by surprise). */
  #typing() {
    const root = this.#el.getRootNode();
    return !!root && root.activeElement === this.#el && WORTH_SEEING.includes(this.state);
  }

  // ------------------------------------------------------- confirm / guard

  /** Would this report ask the author to confirm? Distress does not change the answer (advise()). */
  needsConfirmation(report = this.report) {
    return !!report && advise(report, this.#o.sensitivity).confirm;
  }

  #answer(send) {
    const pending = this.#pendingConfirm;
    if (!pending) return;
    this.#pendingConfirm = null;
    this.#dialog.close();
    this.#emit(send ? 'send-anyway' : 'rephrase', { report: pending.report });
    if (!send) selectSpan(this.#el, this.#kind, null);
    pending.resolve(send);
  }

  /**
   * Asks the author to confirm when the current text needs it. Resolves true
   * to send (nothing heavy enough, or "send anyway"), false to rephrase.
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
    if (!this.#dialog) {
      const dialog = (this.#dialog = new ConfirmDialog(
        (this.#panel && this.#panel.node) || (this.#highlight && this.#highlight.node) || this.#el,
        (send) => this.#answer(send),
      ));
      this.#cleanup.push(() => dialog.remove());
    }
    const t = this.#texts();
    const { m } = t;
    const advice = advise(report, this.#o.sensitivity);
    // An author in distress is asked too (distress never hides abuse), and given the support again.
    const body = [el('p', '', m.confirmBody), reasonList(advice.findings, m), el('p', '', m.confirmHint)];
    const help = helpNodes(advice, t);
    if (help) body.push(help);
    body.push(...supportNodes(advice, t));
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    this.#pendingConfirm = { report, resolve, promise };
    this.#dialog.open(m, body);
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
