// One cold start, in a fresh Node process: time from init() to the first report, and the wasm linear
// memory after init, after `new Analyzer()`, after analysing 1 MB of messages and after one text of
// 2^20 UTF-16 code units (the maximum), and the same `new` and `analyze` again with their code compiled.
// Prints one JSON object. Used by node.mjs, several times.
//   node init.mjs PKG CORPUS [sync|async]
// `sync` (the default) starts the way the README tells Node users to: initSync({ module: bytes });
// `async`, with `await init({ module_or_path: bytes })`, whose look at the `Request` global makes Node
// load its fetch implementation first.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const pkg = process.argv[2];
const corpus = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const bytes = readFileSync(`${pkg}/poids_des_mots_bg.wasm`);
const mod = await import(`${pkg}/poids_des_mots.js`);
const t0 = performance.now();
const wasm = process.argv[4] === 'async' ? await mod.default({ module_or_path: bytes }) : mod.initSync({ module: bytes });
const t1 = performance.now();
const memAfterInit = wasm.memory.buffer.byteLength;
const analyzer = new mod.Analyzer({ locale: 'fr' });
const t2 = performance.now();
analyzer.analyze("t'es vraiment un connard");
const t3 = performance.now();
const memAfterFirstReport = wasm.memory.buffer.byteLength;
// A second analyzer without site terms shares the compiled built-in lexicon (another locale is fine).
const t4 = performance.now();
new mod.Analyzer({ locale: 'en' }).free();
const t5 = performance.now();
// 1 MB of typical messages, one call each.
const typical = [...corpus['typical-kind'], ...corpus['typical-harassing']];
let total = 0;
for (let i = 0; total < 1 << 20; i++) {
  const t = typical[i % typical.length];
  analyzer.analyze(t);
  total += t.length;
}
const memAfterMessages = wasm.memory.buffer.byteLength;
let big = '';
while (big.length < 1 << 20) big += typical[big.length % typical.length] + '\n';
big = big.slice(0, 1 << 20);
analyzer.analyze(big);
const memAfterMax = wasm.memory.buffer.byteLength;
// The same work with the code compiled: V8 compiles each function on its first call (lazily), so the
// first `new` and the first `analyze` pay for compiling what they run. A site term makes this analyzer
// compile the whole lexicon again (and parse its term: a little more work than the first one did).
const t5b = performance.now();
const warm = new mod.Analyzer({ locale: 'fr', allowedTerms: ['profil'] });
const t6 = performance.now();
warm.analyze("t'es vraiment un connard");
const t7 = performance.now();
warm.free();
console.log(JSON.stringify({
  initMs: t1 - t0,
  newMs: t2 - t1,
  firstReportMs: t3 - t2,
  totalMs: t3 - t0,
  secondNewMs: t5 - t4,
  warmNewMs: t6 - t5b,
  warmReportMs: t7 - t6,
  memAfterInit,
  memAfterFirstReport,
  memAfter1MBMessages: memAfterMessages,
  memAfterMaxText: memAfterMax,
}));
