// A slow phone, emulated: headless Chromium with its CPU throttled (DevTools'
// `Emulation.setCPUThrottlingRate`, the setting behind Lighthouse's mobile runs, which use 4×), the
// analyzer on the page's thread (`createChecker({ mode: 'local' })`), where a keystroke's check competes
// with the page's frames. Per page load: createChecker() → first report; then typical messages typed one
// character at a time, each prefix checked as a checker that checks as the user types sees it; then long
// messages checked whole.
//   node benches/js/phone-chromium.mjs DIR --corpus corpus.json [--rates 1,4,6] [--loads 5] [--out FILE]
// DIR is a package built by `PKG_OUT=DIR ./scripts/build.sh`. The rates' pages alternate, one fresh browser
// context each. The throttle slows the page's whole thread, so the times include the machine's own speed:
// the rate-1 row is this machine unthrottled.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPages, median, takeOption } from './pageloads.mjs';

const args = process.argv.slice(2);
const take = (name, dflt) => takeOption(args, name, dflt);
const loads = Number(take('--loads', 5));
const rates = take('--rates', '1,4,6').split(',').map(Number);
const outPath = take('--out', null);
const corpusPath = take('--corpus', null);
const dir = args[0] && resolve(args[0]);
if (!dir || !corpusPath) {
  console.error('usage: node benches/js/phone-chromium.mjs DIR --corpus corpus.json [--rates 1,4,6] [--loads N] [--out FILE]');
  process.exit(2);
}
const corpus = JSON.parse(readFileSync(resolve(corpusPath), 'utf8'));
// Typed: 10 kind and 10 harassing typical messages (≈ 280 characters, so ≈ 5,600 keystrokes); checked
// whole: 4 long ones (≈ 10 KB).
const TYPED_PER_SET = 10;
const LONG_PER_SET = 2;
const texts = {
  typed: [...corpus['typical-kind'].slice(0, TYPED_PER_SET), ...corpus['typical-harassing'].slice(0, TYPED_PER_SET)],
  long: [...corpus['long-kind'].slice(0, LONG_PER_SET), ...corpus['long-harassing'].slice(0, LONG_PER_SET)],
};

const page = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<script type="module">
import { createChecker, loadModule } from './pkg/checker.js';
const texts = await (await fetch('./texts.json')).json();
const module = await loadModule(); // fetch + compile, before the clock starts
await new Promise((r) => setTimeout(r, 50)); // let the page settle
const t0 = performance.now();
const checker = await createChecker({ mode: 'local', locale: 'fr', wasm: module });
checker.analyzeSync("t'es vraiment un connard");
const firstReportMs = performance.now() - t0;
// Typing: every prefix, character by character (code points: a keystroke never splits an emoji), twice:
// the first pass runs while the engine still compiles the code it uses (as a person's first message would),
// the second on compiled code.
const typeAll = () => {
  const times = [];
  const start = performance.now();
  for (const text of texts.typed) {
    let end = 0;
    for (const c of text) {
      end += c.length;
      const t = performance.now();
      checker.analyzeSync(text.slice(0, end));
      times.push(performance.now() - t);
    }
  }
  const keystrokeUs = ((performance.now() - start) * 1000) / times.length;
  const longestAt = times.indexOf(Math.max(...times));
  times.sort((a, b) => a - b);
  return { keystrokes: times.length, keystrokeUs, p99Ms: times[Math.floor(times.length * 0.99)], longestMs: times.at(-1), longestAt };
};
const first = typeAll();
const again = typeAll();
let longestLongMs = 0;
const longStart = performance.now();
for (const text of texts.long) {
  const t = performance.now();
  checker.analyzeSync(text);
  longestLongMs = Math.max(longestLongMs, performance.now() - t);
}
const longMs = (performance.now() - longStart) / texts.long.length;
checker.destroy();
window.result = {
  firstReportMs,
  keystrokes: first.keystrokes,
  firstKeystrokeUs: first.keystrokeUs,
  firstLongestMs: first.longestMs,
  firstLongestAt: first.longestAt,
  firstP99Ms: first.p99Ms,
  keystrokeUs: again.keystrokeUs,
  p99Ms: again.p99Ms,
  longestKeystrokeMs: again.longestMs,
  longMs,
  longestLongMs,
};
</script></body></html>`;

const www = mkdtempSync(join(tmpdir(), 'pdm-phone-'));
cpSync(dir, join(www, 'pkg'), { recursive: true });
writeFileSync(join(www, 'texts.json'), JSON.stringify(texts));
writeFileSync(join(www, 'typing.html'), page);
const throttle = async (tab, i) => {
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: rates[i] });
};
const { version, results } = await loadPages(www, rates.map(() => 'typing.html'), loads, throttle);
const keys = ['firstReportMs', 'firstKeystrokeUs', 'firstP99Ms', 'firstLongestMs', 'keystrokeUs', 'p99Ms', 'longestKeystrokeMs', 'longMs', 'longestLongMs'];
const summary = rates.map((rate, i) => ({
  rate,
  keystrokes: results[i][0].keystrokes,
  ...Object.fromEntries(keys.map((k) => [k, median(results[i].map((r) => r[k]))])),
}));
if (outPath) writeFileSync(outPath, JSON.stringify({ env: 'chromium', version, loads, texts: { typed: texts.typed.length, long: texts.long.length }, summary, results }, null, 1));
for (const s of summary) {
  console.log(`CPU ÷${s.rate}: median of ${loads}: createChecker() → first report ${s.firstReportMs.toFixed(1)} ms; ` +
    `${s.keystrokes} keystrokes, first pass ${s.firstKeystrokeUs.toFixed(1)} µs each (p99 ${s.firstP99Ms.toFixed(2)} ms, the longest ${s.firstLongestMs.toFixed(2)} ms, ` +
    `at keystroke ${results[rates.indexOf(s.rate)].map((r) => r.firstLongestAt).join('/')}), ` +
    `second ${s.keystrokeUs.toFixed(1)} µs each (p99 ${s.p99Ms.toFixed(2)} ms, the longest ${s.longestKeystrokeMs.toFixed(2)} ms); ` +
    `a 10 KB message ${s.longMs.toFixed(2)} ms (the longest ${s.longestLongMs.toFixed(2)} ms)`);
}
