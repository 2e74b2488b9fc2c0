// Part of the wasm boundary (src/wasm.rs): writes the text to analyse into the module's memory, and
// builds the plain report objects that `Analyzer.analyze` returns from numbers and one string handed
// over in a single call; setting one property at a time across the boundary cost more than analysing a
// short message. It calls nothing.

let levels = [];
let categories = [];

/** The names of the levels and categories, comma-separated, in the order of their Rust enums. */
export function setNames(levelNames, categoryNames) {
  levels = levelNames.split(',');
  categories = categoryNames.split(',');
}

/** Explanations by key, as `report_to_js` hands them over (each once, then `KEPT`). */
const kept = [];
/** In place of an explanation's length: the one kept under the finding's key. */
const KEPT = 0xffffffff;
/** In place of a key: nothing to keep. */
const NO_KEY = 0xffffffff;

/**
 * `numbers` holds 9 per finding: start, end, category, severity, targeted (0 or 1), the lengths in
 * UTF-16 code units of its text, rule and explanation (or `KEPT`), which follow one another in
 * `strings`, then the key its explanation is kept under (or `NO_KEY`).
 */
export function makeReport(score, level, flagged, distress, numbers, strings) {
  const findings = [];
  let at = 0;
  for (let i = 0; i + 9 <= numbers.length; i += 9) {
    const text = strings.slice(at, (at += numbers[i + 5]));
    const rule = strings.slice(at, (at += numbers[i + 6]));
    const key = numbers[i + 8];
    let explanation;
    if (numbers[i + 7] === KEPT) {
      explanation = kept[key];
    } else {
      explanation = strings.slice(at, (at += numbers[i + 7]));
      if (key !== NO_KEY) kept[key] = explanation;
    }
    findings.push({
      start: numbers[i],
      end: numbers[i + 1],
      text,
      category: categories[numbers[i + 2]],
      severity: numbers[i + 3],
      rule,
      targeted: numbers[i + 4] === 1,
      explanation,
    });
  }
  return { score, level: levels[level], flagged, distress, findings };
}

const encoder = new TextEncoder();

/** Writes `text` as UTF-8 into the module's `memory` at `at` (room for `room` bytes): the bytes written. */
export function writeText(text, memory, at, room) {
  const view = new Uint8Array(memory.buffer, at, room);
  if (encoder.encodeInto) return encoder.encodeInto(text, view).written;
  // Engines without encodeInto (Safari before 14.1): the same bytes, through a copy.
  const bytes = encoder.encode(text);
  view.set(bytes);
  return bytes.length;
}

/** `makeReport` for a report without findings: nothing to read from the module's memory. */
export function emptyReport(score, level, flagged, distress) {
  return { score, level: levels[level], flagged, distress, findings: [] };
}
