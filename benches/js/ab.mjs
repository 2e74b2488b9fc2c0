// Two builds of the package side by side in one Node process: which one is faster, per corpus set.
//   node benches/js/ab.mjs DIR_A DIR_B [--corpus target/bench/corpus.json] [--rounds 11]
// Build the two with `PKG_OUT=DIR ./scripts/build.sh` (e.g. from two worktrees); the corpus comes from
// `cargo bench --bench native -- --write-corpus FILE` (./scripts/bench.sh writes target/bench/corpus.json).
// Rounds alternate the order of A and B; each prints the median µs per message and the median of the
// per-round ratios A ÷ B (above 1: B is faster). Separate processes differ by more than the changes
// being measured here (V8 tiering, GC), which is why both run in the same one.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const corpus = JSON.parse(readFileSync(resolve(option('--corpus', 'target/bench/corpus.json')), 'utf8'));
const rounds = Number(option('--rounds', 11));
const dirs = args.map((d) => resolve(d));
if (dirs.length !== 2) {
  console.error('usage: node benches/js/ab.mjs DIR_A DIR_B [--corpus FILE] [--rounds N]');
  process.exit(2);
}
const analyzers = [];
for (const dir of dirs) {
  const mod = await import(join(dir, 'poids_des_mots.js'));
  await mod.default({ module_or_path: readFileSync(join(dir, 'poids_des_mots_bg.wasm')) });
  analyzers.push(new mod.Analyzer({ locale: 'fr' }));
}
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const perMessage = (analyzer, messages) => {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < 100) {
    for (const m of messages) analyzer.analyze(m);
    n += messages.length;
  }
  return ((performance.now() - start) * 1000) / n;
};
console.log(`A = ${dirs[0]}\nB = ${dirs[1]}`);
for (const [set, messages] of Object.entries(corpus)) {
  const times = [[], []];
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    const t = [0, 0];
    for (const k of r % 2 ? [1, 0] : [0, 1]) t[k] = perMessage(analyzers[k], messages);
    times[0].push(t[0]);
    times[1].push(t[1]);
    ratios.push(t[0] / t[1]);
  }
  const us = times.map((v) => median(v).toFixed(2).padStart(8));
  console.log(`${set.padEnd(18)} A ${us[0]} µs  B ${us[1]} µs  A÷B ${median(ratios).toFixed(3)}`);
}
