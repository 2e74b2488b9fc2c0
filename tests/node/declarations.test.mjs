// The package's TypeScript declarations against the code. The option names are declared once, in
// pkg-template/option-keys.js: this fails when a declaration elsewhere says otherwise (the interfaces
// AnalyzerOptions from src/wasm.rs's TS_TYPES, CheckerOptions, AttachOptions, and the keys the wasm
// side itself accepts). And attach.d.ts's unions follow the levels. (tests/typescript.rs checks
// TS_TYPES against the Rust types.)
//   ./scripts/build.sh && node --test tests/node/
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { interfaceMembers, unionMembers } from './read-dts.mjs';
import { loadPackage, PKG } from './load-pkg.mjs';

const read = (file) => readFileSync(new URL(file, PKG), 'utf8');
const sorted = (list) => [...list].sort();
let keys;
let glue;

before(async () => {
  keys = await import(new URL('option-keys.js', PKG));
  glue = await loadPackage();
});

/** The keys `new Analyzer(options)` accepts, as its own error message lists them. */
function keysTheWasmAccepts() {
  try {
    new glue.Analyzer({ 'not an option': true });
  } catch (e) {
    const listed = /expected one of (.*)$/.exec(e.message);
    assert.ok(listed, `the error lists the keys: ${e.message}`);
    return listed[1].split(', ');
  }
  assert.fail('an unknown key must throw');
}

test('the wasm side accepts exactly ANALYZER_KEYS, in their order', () => {
  assert.deepEqual(keysTheWasmAccepts(), [...keys.ANALYZER_KEYS]);
});

test('AnalyzerOptions (src/wasm.rs TS_TYPES) declares ANALYZER_KEYS', () => {
  const declared = interfaceMembers(read('poids_des_mots.d.ts'), 'AnalyzerOptions');
  assert.deepEqual(sorted(declared.members), sorted(keys.ANALYZER_KEYS));
});

test('CheckerOptions (checker.d.ts) declares CHECKER_KEYS, and createChecker() says so', async () => {
  const declared = interfaceMembers(read('checker.d.ts'), 'CheckerOptions');
  assert.deepEqual(declared.extends, ['AnalyzerOptions']);
  assert.deepEqual(sorted([...declared.members, ...keys.ANALYZER_KEYS]), sorted(keys.CHECKER_KEYS));
  const { createChecker } = await import(new URL('checker.js', PKG));
  await assert.rejects(createChecker({ nope: 1 }), (e) => e.message.endsWith(`expected one of ${keys.CHECKER_KEYS.join(', ')}`));
});

test('AttachOptions (attach.d.ts) declares ATTACH_KEYS: its own and those it passes to createChecker()', () => {
  const declared = interfaceMembers(read('attach.d.ts'), 'AttachOptions');
  assert.deepEqual(declared.extends, []);
  assert.deepEqual(sorted(declared.members), sorted(keys.ATTACH_KEYS));
  assert.equal(new Set(keys.ATTACH_KEYS).size, keys.ATTACH_KEYS.length, 'no key twice');
  for (const k of keys.CHECKER_KEYS) assert.ok(keys.ATTACH_KEYS.includes(k), `attach() takes createChecker's ${k}`);
});

test("Sensitivity (attach.d.ts) is the levels above 'none', as attach() accepts them", async () => {
  const levels = unionMembers(read('poids_des_mots.d.ts'), 'Level');
  assert.equal(levels[0], 'none');
  const { SENSITIVITIES } = await import(new URL('attach/policy.js', PKG));
  assert.deepEqual(unionMembers(read('attach.d.ts'), 'Sensitivity'), levels.slice(1));
  assert.deepEqual([...SENSITIVITIES], levels.slice(1));
});

test('AttachState (attach.d.ts) is every level, distress, and the states of the handle itself', () => {
  const levels = unionMembers(read('poids_des_mots.d.ts'), 'Level');
  const states = unionMembers(read('attach.d.ts'), 'AttachState');
  assert.deepEqual(sorted(states), sorted([...levels, 'distress', 'empty', 'loading', 'error']));
});

test('the reader of declarations sees what a change would make it see', () => {
  // A guard against a parser that reads nothing: an extra member and a missing one both show.
  const source = 'export interface X extends Y {\n  /** a { b } */\n  a?: string;\n  b: Promise<C>; // c: no\n  f(x: (y: number) => void): void;\n}';
  assert.deepEqual(interfaceMembers(source, 'X'), { members: ['a', 'b'], extends: ['Y'] });
  assert.deepEqual(unionMembers("type L =\n  | 'a' // x\n  | 'b';", 'L'), ['a', 'b']);
});
