// The Web Worker of createChecker({ mode: 'worker' }). It receives the compiled
// WebAssembly module from the page (so it fetches nothing; with the embedded
// variant of the package it has the bytes already), builds one
// Analyzer, and answers { id, report, ms } for each { id, text }.
import init, { initSync, Analyzer } from './poids_des_mots.js';

let analyzer = null;
const errorOf = (err) => ({ name: (err && err.name) || 'Error', message: (err && err.message) || String(err) });

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === 'init') {
    try {
      // No module: this is the embedded variant, whose init() fetches nothing.
      if (msg.module) initSync({ module: msg.module });
      else await init();
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
