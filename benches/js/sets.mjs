// The sets every benchmark runs (Node side: reads files).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** short / typical / long: kind and harassing messages interleaved; eval: real messages, when present. */
export function benchSets(corpus, evalTexts) {
  const mix = (a, b) => a.flatMap((x, i) => [x, b[i]]);
  const sets = {
    short: mix(corpus['short-kind'], corpus['short-harassing']),
    typical: mix(corpus['typical-kind'], corpus['typical-harassing']),
    long: mix(corpus['long-kind'], corpus['long-harassing']),
  };
  if (evalTexts.length) sets.eval = evalTexts;
  return sets;
}

export function readEval(dir) {
  if (!existsSync(dir)) return [];
  const texts = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort()) {
    const lines = readFileSync(join(dir, f), 'utf8').split('\n').slice(1);
    for (const l of lines) {
      const cols = l.split('\t');
      if (cols.length >= 4) texts.push(cols.slice(3).join('\t'));
    }
  }
  return texts;
}

