// The Web Worker of createChecker({ mode: 'worker' }). It receives the compiled
// WebAssembly module from the page (so it fetches nothing), builds one
// Analyzer, and answers { id, report, ms } for each { id, text }.
import { initSync, Analyzer } from './poids_des_mots.js';

let analyzer = null;
const errorOf = (err) => ({ name: (err && err.name) || 'Error', message: (err && err.message) || String(err) });

self.onmessage = (event) => {
  const msg = event.data || {};
  if (msg.type === 'init') {
    try {
      initSync({ module: msg.module });
      analyzer = new Analyzer(msg.options);
      self.postMessage({ type: 'ready' });
    } catch (err) {
      self.postMessage({ type: 'error', error: errorOf(err) });
    }
  } else if (msg.type === 'analyze') {
    const t0 = performance.now();
    try {
      const report = analyzer.analyze(msg.text);
      self.postMessage({ type: 'result', id: msg.id, report, ms: performance.now() - t0 });
    } catch (err) {
      self.postMessage({ type: 'result', id: msg.id, error: errorOf(err) });
    }
  }
};
