// wasm in Node, side by side with the JavaScript filters, in one process.
//   node benches/js/node.mjs --pkg DIR --corpus corpus.json [--rounds 7] [--out result.json]
// Uses ../shared/eval/data/*.tsv as an extra set of real messages when present (read, never copied).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { makePeers, runAll } from './harness.mjs';
import { benchSets, readEval } from './sets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const pkg = resolve(arg('--pkg', join(here, '../../pkg')));
const corpusPath = resolve(arg('--corpus'));
const rounds = Number(arg('--rounds', 7));
const corpus = JSON.parse(readFileSync(corpusPath, 'utf8'));

// Cold starts first, each in its own process.
const coldStart = (how, flags = []) =>
  JSON.parse(execFileSync(process.execPath, [...flags, join(here, 'init.mjs'), pkg, corpusPath, how], { encoding: 'utf8' }));
const inits = [];
const asyncInits = [];
// V8's baseline compiler only: what `new Analyzer()` costs without the optimising compiler, which by
// default compiles the hot functions in background threads meanwhile (on few cores, they compete).
const baselineInits = [];
for (let i = 0; i < 7; i++) {
  inits.push(coldStart('sync'));
  asyncInits.push(coldStart('async'));
  baselineInits.push(coldStart('sync', ['--liftoff-only']));
}

const mod = await import(join(pkg, 'poids_des_mots.js'));
await mod.default({ module_or_path: readFileSync(join(pkg, 'poids_des_mots_bg.wasm')) });
const analyzer = new mod.Analyzer({ locale: 'fr' });
const ours = { name: 'poids-des-mots (wasm)', note: 'full report', run: (t) => analyzer.analyze(t).flagged };
// The same engine without its learned layer (issue 17's budget: the fused engine ≤ 2.5× its time).
const rulesOnly = new mod.Analyzer({ locale: 'fr', rulesOnly: true });
const ownRulesOnly = { name: 'poids-des-mots (wasm)', note: 'rules only', self: true, run: (t) => rulesOnly.analyze(t).flagged };
const require = createRequire(import.meta.url);
const peers = [ownRulesOnly, ...makePeers(require('./peers-entry.cjs'))];
const evalTexts = readEval(join(here, '../../../shared/eval/data'));
const sets = benchSets(corpus, evalTexts);
const results = runAll(ours, peers, sets, { rounds, minMs: 100, perMessage: ['typical'], groups: ['kind', 'harassing'] });
const out = { env: 'node', version: process.version, cpus: os.cpus().length, rounds, inits, asyncInits, baselineInits, results };
const outPath = arg('--out');
if (outPath) writeFileSync(outPath, JSON.stringify(out, null, 1));
else console.log(JSON.stringify(out, null, 1));
