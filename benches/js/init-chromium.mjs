// Start-up in headless Chromium, one fresh browser context per page load: fetching the .wasm, init()
// (compile + instantiate), new Analyzer(), the first analyze(). The fetch is timed apart: from the local
// test server (python3 -m http.server) it takes ~15 ms, which says nothing about the package. Several
// packages alternate, so that a busy machine slows them alike.
//   node benches/js/init-chromium.mjs DIR [DIR…] [--loads 11] [--out FILE]
// Each DIR is a package built by `PKG_OUT=DIR ./scripts/build.sh`. Prints medians and each load's
// `new Analyzer()` time; `--out` also writes them as JSON (scripts/bench.sh: the report's start-up row).
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPages, median } from './pageloads.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--loads');
const loads = at >= 0 ? Number(args.splice(at, 2)[1]) : 11;
const outAt = args.indexOf('--out');
const outPath = outAt >= 0 ? args.splice(outAt, 2)[1] : null;
const dirs = args.map((d) => resolve(d));
if (dirs.length === 0) {
  console.error('usage: node benches/js/init-chromium.mjs DIR [DIR…] [--loads N] [--out FILE]');
  process.exit(2);
}
const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<script type="module">
import init, { Analyzer } from './pkg/poids_des_mots.js';
const t0 = performance.now();
const bytes = await (await fetch('./pkg/poids_des_mots_bg.wasm')).arrayBuffer();
const t1 = performance.now();
await init({ module_or_path: bytes });
const t2 = performance.now();
const analyzer = new Analyzer({ locale: 'fr' });
const t3 = performance.now();
analyzer.analyze("t'es vraiment un connard");
const t4 = performance.now();
window.result = { fetchMs: t1 - t0, initMs: t2 - t1, newMs: t3 - t2, firstMs: t4 - t3, totalMs: t4 - t1 };
</script></body></html>`;
const www = mkdtempSync(join(tmpdir(), 'pdm-init-'));
dirs.forEach((dir, i) => {
  cpSync(dir, join(www, String(i), 'pkg'), { recursive: true });
  writeFileSync(join(www, String(i), 'index.html'), page);
});
const { version, results } = await loadPages(www, dirs.map((_, i) => `${i}/index.html`), loads);
const keys = ['fetchMs', 'initMs', 'newMs', 'firstMs', 'totalMs'];
if (outPath) {
  const packages = dirs.map((dir, i) => ({
    dir,
    medians: Object.fromEntries(keys.map((k) => [k, median(results[i].map((r) => r[k]))])),
    loads: results[i],
  }));
  writeFileSync(outPath, JSON.stringify({ env: 'chromium', version, loads, packages }, null, 1));
}
dirs.forEach((dir, i) => {
  const m = (k) => median(results[i].map((r) => r[k])).toFixed(1);
  console.log(`${dir}\n  median of ${loads}: (fetch ${m('fetchMs')} ms) init() ${m('initMs')} ms, ` +
    `new Analyzer() ${m('newMs')} ms, first analyze() ${m('firstMs')} ms, init() → first report ${m('totalMs')} ms`);
  console.log(`  new Analyzer() per load: ${results[i].map((r) => r.newMs.toFixed(0)).join(' ')} ms`);
});
