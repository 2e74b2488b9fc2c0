// Reads TypeScript declarations (the package's .d.ts files, and src/wasm.rs's TS_TYPES) just enough to
// compare them with the code: the members of an interface and the members of a string union. Not a
// test file itself; the declarations are simple on purpose, and a shape it cannot read fails loudly.
import assert from 'node:assert/strict';

/** `source` without its comments (`/* … *\/` and `// …` to the end of a line). */
function withoutComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/** The members of `interface name { … }` (its own, not those of what it extends), and what it extends. */
export function interfaceMembers(source, name) {
  const code = withoutComments(source);
  const head = new RegExp(`\\binterface ${name}\\b(?:\\s+extends\\s+([\\w, ]+?))?\\s*\\{`).exec(code);
  assert.ok(head, `interface ${name} not found`);
  const members = [];
  let depth = 1;
  let at = head.index + head[0].length;
  let line = '';
  for (; depth > 0 && at < code.length; at++) {
    const c = code[at];
    if (depth === 1) line += c; // with the bracket that opens a nested part (a method's parameters)
    if (c === '{' || c === '(' || c === '<') depth++;
    else if (c === '}' || c === ')' || (c === '>' && code[at - 1] !== '=')) depth--; // not the `>` of `=>`
    if (depth === 1 && (c === ';' || c === '\n')) {
      const member = /^\s*(?:readonly\s+)?(['\w-]+)\??\s*:/.exec(line);
      if (member) members.push(member[1].replace(/'/g, ''));
      line = '';
    }
  }
  assert.equal(depth, 0, `interface ${name}: unbalanced braces`);
  const extendsList = head[1] ? head[1].split(',').map((s) => s.trim()) : [];
  return { members, extends: extendsList };
}

/** The string literals of `type name = 'a' | 'b' | …;`, in their order. */
export function unionMembers(source, name) {
  const code = withoutComments(source);
  const m = new RegExp(`\\btype ${name}\\s*=([^;]*);`).exec(code);
  assert.ok(m, `type ${name} not found`);
  const parts = m[1].split('|').map((s) => s.trim()).filter(Boolean);
  for (const p of parts) assert.match(p, /^'[^']*'$/, `type ${name}: ${p} is not a string literal`);
  return parts.map((p) => p.slice(1, -1));
}
