// The development panic hook (src/wasm.rs, `start`): in a debug build, a panic is printed to
// console.error with its message ("poids-des-mots panicked (please report): …") before the instance traps,
// instead of an opaque `unreachable`. The release package has neither the hook nor a way to panic; this
// test builds the development package itself (cargo build, debug; wasm-bindgen) into target/dev-pkg/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');
const OUT = path.join(TARGET, 'dev-pkg');

test('a panic in a development build is a readable console error, and a RuntimeError for the caller', async () => {
  execFileSync('cargo', ['build', '--quiet', '--target', 'wasm32-unknown-unknown', '--lib'], { cwd: ROOT, stdio: 'inherit' });
  const wasm = path.join(TARGET, 'wasm32-unknown-unknown', 'debug', 'poids_des_mots.wasm');
  execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', OUT, '--out-name', 'poids_des_mots', wasm], { stdio: 'inherit' });
  const mod = await import(pathToFileURL(path.join(OUT, 'poids_des_mots.js')));
  await mod.default({ module_or_path: readFileSync(path.join(OUT, 'poids_des_mots_bg.wasm')) });
  assert.equal(new mod.Analyzer().analyze("t'es un connard").flagged, true, 'the development build works');

  const logged = [];
  const consoleError = console.error;
  console.error = (...args) => logged.push(args.join(' '));
  try {
    assert.throws(() => mod.__panicForTests('a bug to report'), WebAssembly.RuntimeError);
  } finally {
    console.error = consoleError;
  }
  assert.match(logged.join('\n'), /poids-des-mots panicked \(please report\): panicked at src\/wasm\.rs:\d+:\d+:\s+a bug to report/);
});
