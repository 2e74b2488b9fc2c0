// The three lines of the integration, in a Vite app. Vite follows
// new URL('…', import.meta.url) in the package: the .wasm and the worker are
// emitted as assets of this site, nothing is loaded from anywhere else.
import { attach } from 'poids-des-mots/attach';
// The styles are a <link> in index.html, not `import './style.css'`: in dev, Vite injects an imported
// stylesheet as a <style> element, which this page's CSP (style-src 'self') refuses.

// ?mode=worker runs the analysis in a Web Worker (the tests build once and try both).
const mode = new URLSearchParams(location.search).get('mode') === 'worker' ? 'worker' : 'local';
const handle = attach(document.querySelector('#comment'), { locale: 'fr', mode });

document.querySelector('#form').addEventListener('submit', (event) => {
  event.preventDefault(); // this example publishes on the page only
  const li = document.createElement('li');
  li.textContent = document.querySelector('#comment').value;
  document.querySelector('#sent').append(li);
});

handle.ready.then(
  () => (document.body.dataset.ready = mode),
  (err) => {
    console.error(err);
    document.body.dataset.ready = 'error';
  },
);
window.__pdm = handle; // for the browser test
