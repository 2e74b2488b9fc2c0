// Demo of poids-des-mots: a comment form that reads the message on this
// device, as it is typed, and warns kindly before it is published.
// Plain JS, no framework; the only files it loads are its own.
import init, { Analyzer } from './pkg/poids_des_mots.js';

const DEBOUNCE_MS = 150;

const $ = (id) => document.getElementById(id);
const form = $('comment-form');
const textarea = $('comment');
const mirror = $('mirror');
const feedback = $('feedback');
const publishButton = $('publish');
const dialog = $('confirm');
const reasonsList = $('confirm-reasons');
const rephraseButton = $('rephrase');
const publishAnywayButton = $('publish-anyway');
const publishedList = $('published-list');
const publishedEmpty = $('published-empty');

let analyzer = null;
let lastReport = null;
let lastFeedbackKey = '';
let timer = 0;

// ---------------------------------------------------------------- helpers

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const isDistress = (f) => f.category === 'distress';

/**
 * Findings grouped by explanation (one per category), in the order of the
 * text: [{ explanation, words: ['connard', 'débile'] }].
 */
function groupByExplanation(findings) {
  const groups = new Map();
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    let g = groups.get(f.explanation);
    if (!g) groups.set(f.explanation, (g = { explanation: f.explanation, words: [] }));
    if (!g.words.includes(f.text)) g.words.push(f.text);
  }
  return [...groups.values()];
}

/** Does publishing need the "Es-tu sûr·e ?" step? Only for words that can hurt someone else. */
function needsConfirmation(report) {
  return Boolean(report && report.flagged && report.findings.some((f) => !isDistress(f)));
}

// ----------------------------------------------------------- highlighting

/**
 * Paints the mirror layer behind the textarea: the same text, with the spans
 * that weigh wrapped in <mark>. Offsets are UTF-16 code units, exactly what
 * String.prototype.slice takes. Text goes in as text nodes, never as HTML.
 */
function paintMirror(text, findings) {
  const spans = findings
    .filter((f) => f.end > f.start)
    .map((f) => ({ start: f.start, end: f.end, distress: isDistress(f), severity: f.severity }))
    .sort((a, b) => a.start - b.start || b.end - a.end);

  // Merge overlapping spans so that every character is painted once.
  const merged = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      last.distress = last.distress && s.distress;
      last.severity = Math.max(last.severity, s.severity);
    } else {
      merged.push({ ...s });
    }
  }

  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const s of merged) {
    if (s.start > pos) frag.append(text.slice(pos, s.start));
    const mark = el('mark', s.distress ? 'span-distress' : `span-weight sev-${s.severity}`, text.slice(s.start, s.end));
    frag.append(mark);
    pos = s.end;
  }
  frag.append(text.slice(pos));
  // A trailing newline needs something after it to take up its line.
  frag.append('\u200b');
  mirror.replaceChildren(frag);
  syncScroll();
}

function syncScroll() {
  mirror.scrollTop = textarea.scrollTop;
  mirror.scrollLeft = textarea.scrollLeft;
}

// --------------------------------------------------------------- feedback

function renderFeedback(report) {
  const findings = report ? report.findings : [];
  const distress = findings.filter(isDistress);
  const weighing = findings.filter((f) => !isDistress(f));
  const inDistress = Boolean(report && (report.distress || distress.length > 0));

  let state;
  const body = [];
  if (!report || textarea.value.trim() === '') {
    state = 'empty';
    body.push(el('p', 'feedback-title', 'Écris ton commentaire : on te dira s\u2019il pèse lourd.'));
  } else if (inDistress) {
    // Someone in pain gets support, not a warning.
    state = 'distress';
    body.push(el('p', 'feedback-title', '💙 Prends soin de toi.'));
    for (const g of groupByExplanation(distress)) body.push(el('p', 'feedback-text', g.explanation));
    const help = el('p', 'feedback-text');
    help.append(
      'Tu peux aussi en parler à un adulte de confiance. ',
      el('strong', '', '3114'),
      '\u00a0: 24\u00a0h/24, gratuit.',
    );
    body.push(help);
  } else if (report.level === 'warn' || report.level === 'alert') {
    state = report.level;
    body.push(el('p', 'feedback-title',
      report.level === 'alert'
        ? '⚠️ Attention : ce message peut faire très mal.'
        : '⚠️ Ce message pourrait blesser.'));
    body.push(reasonList(weighing));
    body.push(el('p', 'feedback-text', 'Et si tu le disais autrement ? Tu peux toujours donner ton avis sans viser la personne.'));
  } else if (report.level === 'notice' && weighing.length > 0) {
    state = 'notice';
    body.push(el('p', 'feedback-title', 'ℹ️ Un mot à surveiller.'));
    body.push(reasonList(weighing));
  } else {
    state = 'none';
    body.push(el('p', 'feedback-title', '✓ Rien qui pèse lourd. Merci de faire attention aux autres !'));
  }

  // Only touch the live region when its content changes, so that a screen
  // reader does not repeat the same message at every key press.
  const key = state + '\n' + body.map((n) => n.textContent).join('\n');
  if (key === lastFeedbackKey) return;
  lastFeedbackKey = key;
  feedback.dataset.level = state;
  feedback.replaceChildren(...body);
}

/** A list of "« mot », « mot » : explanation" items. */
function reasonList(findings, list = el('ul', 'reasons')) {
  list.replaceChildren();
  for (const g of groupByExplanation(findings)) {
    const item = el('li');
    g.words.forEach((w, i) => item.append(i ? ', ' : '', el('q', 'reason-words', w)));
    item.append(' : ', g.explanation);
    list.append(item);
  }
  return list;
}

// --------------------------------------------------------------- analysis

function analyzeNow() {
  clearTimeout(timer);
  timer = 0;
  if (!analyzer) return null;
  const text = textarea.value;
  try {
    lastReport = analyzer.analyze(text);
  } catch (err) {
    // RangeError for a gigantic text: say so, keep the page usable.
    lastReport = null;
    feedback.dataset.level = 'error';
    lastFeedbackKey = '';
    feedback.replaceChildren(el('p', 'feedback-title', err instanceof RangeError
      ? 'Ce texte est trop long pour être relu.'
      : 'L\u2019analyse n\u2019a pas pu se faire.'));
    paintMirror(text, []);
    return null;
  }
  paintMirror(text, lastReport.findings);
  renderFeedback(lastReport);
  textarea.dataset.level = feedback.dataset.level; // the state shown, e.g. 'distress' rather than 'warn'
  return lastReport;
}

function scheduleAnalysis() {
  // The mirror follows the text at once, keeping the previous highlights that
  // still sit on the same words; the analysis follows after a short pause.
  const text = textarea.value;
  const stillThere = lastReport
    ? lastReport.findings.filter((f) => text.slice(f.start, f.end) === f.text)
    : [];
  paintMirror(text, stillThere);
  clearTimeout(timer);
  timer = setTimeout(analyzeNow, DEBOUNCE_MS);
}

// ------------------------------------------------------------- publishing

function publish(text) {
  const item = el('li', 'published-item');
  item.append(el('span', 'published-author', 'Toi'), el('p', 'published-text', text));
  publishedList.append(item);
  publishedEmpty.hidden = true;
  textarea.value = '';
  lastReport = analyzeNow();
  textarea.focus();
}

function openConfirm(report) {
  reasonList(report.findings.filter((f) => !isDistress(f)), reasonsList);
  dialog.showModal();
  rephraseButton.focus();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!analyzer) return;
  const text = textarea.value;
  if (text.trim() === '') {
    textarea.focus();
    return;
  }
  const report = analyzeNow(); // never decide on a stale report
  if (report && needsConfirmation(report)) {
    openConfirm(report);
  } else {
    publish(text);
  }
});

function backToText() {
  textarea.focus();
  const end = textarea.value.length;
  textarea.setSelectionRange(end, end);
}

rephraseButton.addEventListener('click', () => {
  dialog.close();
  backToText();
});
publishAnywayButton.addEventListener('click', () => {
  dialog.close();
  publish(textarea.value);
});
// Escape closes the dialog too: same as "Reformuler". The close event comes
// after the browser has put the focus back on "Publier": bring it to the text.
dialog.addEventListener('close', backToText);

textarea.addEventListener('input', scheduleAnalysis);
textarea.addEventListener('scroll', syncScroll);
new ResizeObserver(syncScroll).observe(textarea);

// ------------------------------------------------------------------ start

try {
  await init(); // fetches pkg/poids_des_mots_bg.wasm from this site, nothing else
  analyzer = new Analyzer({ locale: 'fr' });
  publishButton.disabled = false;
  analyzeNow();
  document.body.dataset.ready = 'true';
} catch (err) {
  console.error(err);
  feedback.dataset.level = 'error';
  feedback.replaceChildren(el('p', 'feedback-title', 'L\u2019analyse n\u2019a pas pu démarrer sur cet appareil.'));
  document.body.dataset.ready = 'error';
}
