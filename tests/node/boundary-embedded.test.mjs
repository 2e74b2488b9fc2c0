// pkg/poids_des_mots_embedded.js (the .wasm inside the JS, for pages under connect-src 'none'): it starts
// without any argument, embeds exactly pkg/poids_des_mots_bg.wasm, and gives the same reports.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const PKG = new URL('../../pkg/', import.meta.url);

test('the embedded module carries the package .wasm and agrees with it', async () => {
  const embedded = await import(new URL('poids_des_mots_embedded.js', PKG));
  const wasm = readFileSync(new URL('poids_des_mots_bg.wasm', PKG));
  assert.equal(embedded.WASM_SHA256, createHash('sha256').update(wasm).digest('hex'), 'the embedded bytes are the .wasm');
  await embedded.default(); // no argument, no fetch
  const analyzer = new embedded.Analyzer({ locale: 'fr' });
  const text = "😀 t'es vraiment un c.0.n.n.a.r.d";
  const report = analyzer.analyze(text);
  assert.equal(report.flagged, true);
  assert.equal(text.slice(report.findings[0].start, report.findings[0].end), report.findings[0].text);
  assert.throws(() => analyzer.analyze(42), TypeError);
  assert.equal(analyzer.analyze('merci !').flagged, false);
});
