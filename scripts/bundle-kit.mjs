// Writes attach.bundle.js: attach.js and everything it imports (the kit's modules, the wasm-bindgen glue,
// src/report.js) in one ES module, for pages without a bundler. A page then loads one file instead of
// 19 modules four imports deep (each a round trip), and needs no import map (an inline script, which
// the recommended CSP blocks): `import { attach } from '/vendor/poids-des-mots/attach.bundle.js'`.
//
//   node scripts/bundle-kit.mjs <pkg-dir>
//
// It must sit next to poids_des_mots_bg.wasm and worker.js (it finds them with import.meta.url, as the
// modules do). Each module becomes a function scope that returns its exports; an import becomes a
// `const { … } = <module>` of a module placed before it. Only the import and export forms the package
// uses are understood; anything else fails the build (so a new form is handled, not mangled).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/bundle-kit.mjs <pkg-dir>');
  process.exit(2);
}
const ENTRY = 'attach.js';
const OUT = 'attach.bundle.js';
const fail = (message) => {
  console.error(`bundle-kit: ${message}`);
  process.exit(1);
};

const IMPORT = /^import (?:\* as (\w+)|\{([^}]*)\}) from '(\.{1,2}\/[^']+)';(?: \/\/.*)?$/;
const EXPORT_FROM = /^export \{([^}]*)\} from '(\.{1,2}\/[^']+)';$/;
const EXPORT_LIST = /^export \{([^}]*)\};$/;
const EXPORT_DECL = /^export ((?:async )?function\*? |class |const |let )(\w+)/;

/** `a, b as c` → [['a', 'a'], ['b', 'c']] (the name there, the name here). */
const names = (list) =>
  list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [from, as] = s.split(/\s+as\s+/);
      return [from, as || from];
    });

const modules = new Map(); // file → { id, body, exports: [[exported, local-expression]] }
const order = [];

function load(file, chain = []) {
  if (chain.includes(file)) fail(`import cycle: ${[...chain, file].join(' → ')}`);
  if (modules.has(file)) return modules.get(file);
  const source = readFileSync(path.join(dir, file), 'utf8');
  const id = `m${modules.size}_${path.basename(file, '.js').replace(/\W/g, '_')}`;
  const m = { id, file, lines: [], exports: [] };
  modules.set(file, m);
  const resolve = (spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  for (const line of source.split('\n')) {
    let match;
    if ((match = IMPORT.exec(line))) {
      const dep = load(resolve(match[3]), [...chain, file]);
      m.lines.push(match[1] ? `const ${match[1]} = ${dep.id};` : `const { ${names(match[2]).map(([a, b]) => (a === b ? a : `${a}: ${b}`)).join(', ')} } = ${dep.id};`);
    } else if ((match = EXPORT_FROM.exec(line))) {
      const dep = load(resolve(match[2]), [...chain, file]);
      for (const [from, as] of names(match[1])) m.exports.push([as, `${dep.id}.${from}`]);
    } else if ((match = EXPORT_LIST.exec(line))) {
      for (const [local, as] of names(match[1])) m.exports.push([as, local]);
    } else if ((match = EXPORT_DECL.exec(line))) {
      m.lines.push(line.slice('export '.length));
      m.exports.push([match[2], match[2]]);
    } else if (/^\s*(import|export)\b/.test(line)) {
      fail(`${file}: an import or export this script does not handle: ${line.slice(0, 120)}`);
    } else {
      m.lines.push(line);
    }
  }
  order.push(m);
  return m;
}

if (!existsSync(path.join(dir, ENTRY))) fail(`${dir}/${ENTRY} not found`);
const entry = load(ENTRY);
const parts = [
  `// poids-des-mots: attach.js with every module it imports, in one file (scripts/bundle-kit.mjs), for pages`,
  `// without a bundler. Same exports as attach.js; keep it next to poids_des_mots_bg.wasm and worker.js.`,
];
for (const m of order) {
  parts.push(`// ---- ${m.file}`);
  parts.push(`const ${m.id} = (() => {`);
  parts.push(...m.lines);
  parts.push(`return { ${m.exports.map(([as, local]) => (as === local ? as : `${JSON.stringify(as)}: ${local}`)).join(', ')} };`);
  parts.push('})();');
}
const exported = entry.exports.map(([as]) => as);
parts.push(`export const { ${exported.join(', ')} } = ${entry.id};`);
writeFileSync(path.join(dir, OUT), `${parts.join('\n')}\n`);
writeFileSync(
  path.join(dir, OUT.replace(/\.js$/, '.d.ts')),
  "// The same exports as attach.js, in one file for pages without a bundler.\nexport * from './attach.js';\n",
);
console.log(`bundle-kit: ${OUT}: ${order.length} modules, exports ${exported.join(', ')}`);
