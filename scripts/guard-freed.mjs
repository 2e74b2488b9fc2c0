// Makes a freed Analyzer say so. wasm-bindgen's glue hands the Rust side the object's pointer, which
// free() set to 0, and the Rust side then throws "null pointer passed to rust": true, but no help to the
// developer who called free() (or `using`) too early. This rewrites each method call of the Analyzer class
// in the glue to check the pointer first and throw
//   Error: poids-des-mots: this Analyzer was freed (free() was called); create a new one
// (the checker's "this checker was destroyed" is an Error too). And a second free() (or `using` after a
// free()) does nothing, as a dispose should, instead of throwing the same null-pointer error.
//
//   node scripts/guard-freed.mjs pkg/poids_des_mots.js
//
// It fails the build when the glue does not have the shape it expects (another wasm-bindgen version),
// rather than leaving the old message silently.
import { readFileSync, writeFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/guard-freed.mjs <glue.js>');
  process.exit(2);
}
const glue = readFileSync(file, 'utf8');
const CALL = /\bwasm\.(analyzer_\w+)\(this\.__wbg_ptr\b/g;
const calls = [...glue.matchAll(CALL)].map((m) => m[1]);
// Every method the Rust side exports on Analyzer (src/wasm.rs), besides the constructor and free().
for (const expected of ['analyzer_analyze', 'analyzer_max_text_length']) {
  if (!calls.includes(expected)) {
    console.error(`guard-freed: ${file}: no call to wasm.${expected}(this.__wbg_ptr…); has the glue changed?`);
    process.exit(1);
  }
}
const HELPER = `
/** The pointer of a live Analyzer; a freed one (free() sets the pointer to 0) says so. */
function livePointer(analyzer) {
    if (analyzer.__wbg_ptr === 0) {
        throw new Error('poids-des-mots: this Analyzer was freed (free() was called); create a new one');
    }
    return analyzer.__wbg_ptr;
}
`;
const FREE = 'wasm.__wbg_analyzer_free(ptr, 0);';
if (glue.split(FREE).length !== 2) {
  console.error(`guard-freed: ${file}: expected one "${FREE}" in free(); has the glue changed?`);
  process.exit(1);
}
const out = glue.replace(CALL, 'wasm.$1(livePointer(this)').replace(FREE, `if (ptr !== 0) ${FREE}`);
// At the end: a function declaration is hoisted, and the class keeps its own doc comment above it.
writeFileSync(file, out + HELPER);
