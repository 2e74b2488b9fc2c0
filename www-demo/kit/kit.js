// The integration kit, live: attach() on a comment form, with its options.
// Changing an option detaches and attaches again (the text stays).
import { attach } from '../pkg/attach.js';

const $ = (id) => document.getElementById(id);
const textarea = $('comment');
const counts = { analysis: 0, confirm: 0, rephrase: 0, 'send-anyway': 0 };
let handle = null;

function options() {
  const gaming = $('gaming').checked;
  return {
    mode: document.querySelector('input[name="mode"]:checked').value,
    locale: $('locale').value,
    sensitivity: $('sensitivity').value,
    help: $('help').checked,
    ...(gaming
      ? { allowedTerms: ['je vais te tuer'], extraTerms: [{ pattern: '(campeur|campeuse)', category: 'insult', severity: 2 }] }
      : {}),
  };
}

function showCounts() {
  $('counts').textContent =
    `Analyses : ${counts.analysis} · confirmations demandées : ${counts.confirm} · ` +
    `reformulé : ${counts.rephrase} · publié quand même : ${counts['send-anyway']}`;
}

function start() {
  if (handle) handle.detach();
  document.body.dataset.ready = '';
  const h = (handle = attach(textarea, options()));
  for (const type of Object.keys(counts)) {
    h.addEventListener(type, () => {
      counts[type]++;
      showCounts();
    });
  }
  h.addEventListener('analysis', (e) => {
    const t = e.detail.timing;
    if (!t) return;
    const fmt = (ms) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
    $('timing').textContent =
      `Analyse (${h.checker.mode}) : ${fmt(t.analysisMs)} dans l'analyseur, ${fmt(t.totalMs)} en tout` +
      ` pour ${e.detail.text.length.toLocaleString('fr-FR')} caractères`;
  });
  h.ready.then(
    () => {
      if (handle === h) document.body.dataset.ready = h.checker.mode;
    },
    (err) => {
      console.error(err);
      document.body.dataset.ready = 'error';
    },
  );
}

$('options').addEventListener('change', start);
$('long').addEventListener('click', () => {
  textarea.value = 'Franchement ce clip est pas mal, mais toi t\u2019es vraiment un connard. '.repeat(7000);
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
  textarea.focus();
});
$('comment-form').addEventListener('submit', (event) => {
  event.preventDefault(); // published on this page only
  const item = document.createElement('li');
  item.className = 'published-item';
  item.append(Object.assign(document.createElement('p'), { className: 'published-text', textContent: textarea.value }));
  $('published-list').append(item);
  textarea.value = '';
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
});

start();
