// Start-up in headless Chromium, the analyzer on the page's thread (`createChecker({ mode: 'local' })`)
// against in a Web Worker (`mode: 'worker'`): time from createChecker() to the first report, and the
// longest stretch the page's thread could not run anything else in that time (what a person typing
// would feel). The second is measured on page loads of its own: its probe, a chain of zero-delay
// messages, keeps the page's thread spinning, which takes a core from the worker (on 2 cores, ~8 ms
// more to a first report). One fresh browser context per page load, the four pages alternating.
//   node benches/js/init-modes-chromium.mjs DIR [--loads 11] [--out FILE]
// DIR is a package built by `PKG_OUT=DIR ./scripts/build.sh`. The .wasm is fetched (and compiled) before
// the clock starts, in both modes: the local test server's latency says nothing about the package.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPages, median, takeOption } from './pageloads.mjs';

const args = process.argv.slice(2);
const take = (name, dflt) => takeOption(args, name, dflt);
const loads = Number(take('--loads', 11));
const outPath = take('--out', null);
const dir = args[0] && resolve(args[0]);
if (!dir) {
  console.error('usage: node benches/js/init-modes-chromium.mjs DIR [--loads N] [--out FILE]');
  process.exit(2);
}
// `later`: the page waits LATER_MS after createChecker() before its first report, as a person starting
// to type would: what that first keystroke costs.
const LATER_MS = 300;
const page = (mode, probe, later = false) => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<script type="module">
import { createChecker, loadModule } from './pkg/checker.js';
const module = await loadModule(); // fetch + compile, before the clock starts
// The page's thread: a chain of zero-delay messages; the longest gap between two is the longest it was
// busy with something else.
let last = performance.now(), longest = 0, ticking = true;
const channel = new MessageChannel();
channel.port1.onmessage = () => {
  const now = performance.now();
  longest = Math.max(longest, now - last);
  last = now;
  if (ticking) channel.port2.postMessage(0);
};
await new Promise((r) => setTimeout(r, 50)); // let the page settle
longest = 0;
last = performance.now();
if (${probe}) channel.port2.postMessage(0);
else ticking = false;
const t0 = performance.now();
const checker = await createChecker({ mode: '${mode}', locale: 'fr', wasm: module });
const t1 = performance.now();
if (${later}) {
  await new Promise((r) => setTimeout(r, ${LATER_MS}));
  const t = performance.now();
  await checker.analyze("t'es vraiment un connard");
  window.result = { laterReportMs: performance.now() - t };
} else {
  await checker.analyze("t'es vraiment un connard");
  const t2 = performance.now();
  await new Promise((r) => setTimeout(r, 0));
  ticking = false;
  window.result = { readyMs: t1 - t0, firstReportMs: t2 - t0, longestBusyMs: longest };
}
checker.destroy();
</script></body></html>`;

const www = mkdtempSync(join(tmpdir(), 'pdm-modes-'));
cpSync(dir, join(www, 'pkg'), { recursive: true });
const modes = ['local', 'worker'];
for (const mode of modes) {
  writeFileSync(join(www, `${mode}.html`), page(mode, false));
  writeFileSync(join(www, `${mode}-probe.html`), page(mode, true));
  writeFileSync(join(www, `${mode}-later.html`), page(mode, false, true));
}
const paths = modes.flatMap((mode) => [`${mode}.html`, `${mode}-probe.html`, `${mode}-later.html`]);
const { version, results: byPage } = await loadPages(www, paths, loads);
// Times from the pages without the probe, the longest busy stretch from those with it, the later
// keystroke from its own.
const results = Object.fromEntries(
  modes.map((mode, i) => [
    mode,
    byPage[3 * i].map((r, n) => ({
      ...r,
      longestBusyMs: byPage[3 * i + 1][n].longestBusyMs,
      laterReportMs: byPage[3 * i + 2][n].laterReportMs,
    })),
  ]),
);
const keys = ['readyMs', 'firstReportMs', 'longestBusyMs', 'laterReportMs'];
const summary = Object.fromEntries(
  Object.entries(results).map(([mode, rs]) => [mode, Object.fromEntries(keys.map((k) => [k, median(rs.map((r) => r[k]))]))]),
);
if (outPath) writeFileSync(outPath, JSON.stringify({ env: 'chromium', version, loads, summary, results }, null, 1));
for (const [mode, m] of Object.entries(summary)) {
  console.log(`${mode}: median of ${loads}: ready ${m.readyMs.toFixed(1)} ms, first report ${m.firstReportMs.toFixed(1)} ms, ` +
    `longest busy stretch of the page's thread ${m.longestBusyMs.toFixed(1)} ms, ` +
    `a report ${LATER_MS} ms after createChecker() ${m.laterReportMs.toFixed(2)} ms`);
}
