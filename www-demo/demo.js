// Demo of poids-des-mots: a comment form that reads the message on this
// device, as it is typed, and warns kindly before it is published. It is the
// package's attach() on a plain form (highlights, feedback, "Es-tu sûr·e ?"),
// plus what a site adds itself: publishing, and a look at the report.
// Plain JS, no framework; the only files it loads are its own.
import { attach } from './pkg/attach.js';

const $ = (id) => document.getElementById(id);
const form = $('comment-form');
const textarea = $('comment');
const publishButton = $('publish');
const publishedList = $('published-list');
const publishedEmpty = $('published-empty');

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// attach() guards the form: a message that could hurt opens its dialog first,
// and reaches the submit handler below only after "Publier quand même".
const handle = attach(textarea, { locale: 'fr', feedback: $('feedback') });

// ------------------------------------------------------------- the report

const score = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** The report itself, for the curious: level, score, and each finding. */
function showReport(report) {
  $('report-summary').textContent = `Niveau : ${report.level} · score : ${score.format(report.score)}` +
    (report.distress ? ' · détresse' : '');
  $('report-findings').replaceChildren(
    ...report.findings.map((f) => {
      const item = el('li');
      item.append(el('q', 'report-words', f.text),
        ` : ${f.category}, gravité ${f.severity}${f.targeted ? ', visant quelqu\u2019un' : ''} (${f.rule})`);
      return item;
    }),
  );
}
handle.addEventListener('analysis', (event) => showReport(event.detail.report));

// ------------------------------------------------------------- publishing

function publish(text) {
  const item = el('li', 'published-item');
  item.append(el('span', 'published-author', 'Toi'), el('p', 'published-text', text));
  publishedList.append(item);
  publishedEmpty.hidden = true;
  textarea.value = '';
  handle.check().catch(() => {}); // the emptied field, analysed now (setting .value fires no input event)
  textarea.focus();
}

form.addEventListener('submit', (event) => {
  event.preventDefault(); // published on this page only
  const text = textarea.value;
  if (text.trim() === '') {
    textarea.focus();
    return;
  }
  publish(text);
});

// ------------------------------------------------------------------ start

handle.ready.then(
  () => {
    publishButton.disabled = false;
    document.body.dataset.ready = 'true';
  },
  () => {
    document.body.dataset.ready = 'error'; // attach() says so in its feedback, and in the console
  },
);
