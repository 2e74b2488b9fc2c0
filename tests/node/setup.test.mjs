// scripts/setup.sh's wasm-bindgen-cli install, with a stand-in `cargo` (no network, no build): when the
// --locked attempt fails to resolve, as it does with a recent Rust, the newcomer reads a one-line note,
// not cargo's "error: failed to select a version…", and the fallback installs it; when both fail, the
// locked attempt's full output is shown.
//   node --test tests/node/setup.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function script(file, body) {
  writeFileSync(file, `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(file, 0o755);
}

/** Runs setup.sh --no-browser with a `cargo` whose unlocked install `unlocked` ('works' or 'fails'). */
function setup(unlocked) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pdm-setup-'));
  try {
    const bin = path.join(dir, 'bin');
    const cargoHome = path.join(dir, 'cargo');
    mkdirSync(bin);
    mkdirSync(path.join(cargoHome, 'bin'), { recursive: true });
    script(path.join(bin, 'rustup'), 'echo wasm32-unknown-unknown');
    const tool = (name) => `printf '#!/usr/bin/env bash\\necho "${name} 0.2.130"\\n' > "$CARGO_HOME/bin/${name}"; chmod +x "$CARGO_HOME/bin/${name}"`;
    script(
      path.join(bin, 'cargo'),
      `case " $* " in
  *" --locked "*)
    echo "    Updating crates.io index" >&2
    echo "error: failed to select a version for the requirement \\\`some-crate = \\"=1.2.3\\"\\\`" >&2
    echo "candidate versions found which didn't match: 1.2.4" >&2
    exit 101 ;;
  *)
    ${unlocked === 'works' ? `echo "  Installing wasm-bindgen-cli v0.2.130" >&2; ${tool('wasm-bindgen')}; ${tool('wasm-bindgen-test-runner')}; exit 0` : 'echo "error: could not compile wasm-bindgen-cli" >&2; exit 101'} ;;
esac`,
    );
    const env = {
      ...process.env,
      CARGO_HOME: cargoHome,
      PATH: [bin, path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    };
    const r = spawnSync('bash', [path.join(ROOT, 'scripts/setup.sh'), '--no-browser'], { cwd: ROOT, env, encoding: 'utf8' });
    const out = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, ''); // without the log's bold
    return { code: r.status, out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a --locked install that cannot resolve is a one-line note, then the fallback installs', () => {
  const { code, out } = setup('works');
  assert.equal(code, 0, out);
  assert.match(out, /setup: note: the --locked install could not be used \(error: failed to select a version for the requirement/);
  assert.match(out, /which is expected and fine/);
  assert.match(out, /Updating crates\.io index/, 'cargo progress still shows');
  const errors = out.split('\n').filter((l) => /^\s*error\b/i.test(l) || /candidate versions/.test(l));
  assert.deepEqual(errors, [], 'no line of the harmless failure reads as an error');
  assert.match(out, /Installing wasm-bindgen-cli/);
});

test('when the fallback fails too, the locked attempt is shown in full and setup fails', () => {
  const { code, out } = setup('fails');
  assert.notEqual(code, 0);
  assert.match(out, /the --locked attempt said:\n.*Updating crates\.io index\n.*error: failed to select a version/);
  assert.match(out, /setup: error: cargo install wasm-bindgen-cli 0\.2\.130 failed, with and without --locked/);
});
