// Runs in headless Chromium (served from 127.0.0.1 by browser.mjs): the same harness as in Node.
import init, { Analyzer } from './pkg/poids_des_mots.js';
import { makePeers, runAll } from './harness.mjs';

window.runBench = async (rounds) => {
  const t0 = performance.now();
  const wasm = await init(); // fetches pkg/poids_des_mots_bg.wasm, as a page would
  const t1 = performance.now();
  const analyzer = new Analyzer({ locale: 'fr' });
  const t1b = performance.now();
  analyzer.analyze("t'es vraiment un connard");
  const t2 = performance.now();
  const init_ = { initMs: t1 - t0, newMs: t1b - t1, totalMs: t2 - t0, memAfterFirstReport: wasm.memory.buffer.byteLength };
  const sets = await (await fetch('./sets.json')).json();
  const ours = { name: 'poids-des-mots (wasm)', note: 'full report', run: (t) => analyzer.analyze(t).flagged };
  const peers = makePeers(window.PDM_PEER_MODULES);
  const results = runAll(ours, peers, sets, { rounds, minMs: 100 });
  return { init: init_, results };
};
window.benchReady = true;
