// Part of the wasm boundary (src/wasm.rs): writes the text to analyse into the module's memory, and
// builds the plain report objects that `Analyzer.analyze` returns from numbers and one string handed
// over in a single call; setting one property at a time across the boundary cost more than analysing a
// short message. It calls nothing.

let levels = [];
let categories = [];

/** What `makeReport` reads of each finding: the names `report_to_js` writes them under (`FINDING_FIELDS`). */
const READ = ['start', 'end', 'category', 'severity', 'targeted', 'textLength', 'ruleLength', 'explanationLength', 'explanationKey'];
// Their positions among a finding's numbers, and how many numbers a finding has: set by `setNames`,
// which the Analyzer's constructor calls before any report.
let START, END, CATEGORY, SEVERITY, TARGETED, TEXT_LENGTH, RULE_LENGTH, EXPLANATION_LENGTH, EXPLANATION_KEY;
let stride = READ.length;

/**
 * The names of the levels and categories, and of the numbers written for each finding, comma-separated,
 * in the order of the Rust side (enums, `FINDING_FIELDS`): positions are declared there only.
 */
export function setNames(levelNames, categoryNames, fieldNames) {
  levels = levelNames.split(',');
  categories = categoryNames.split(',');
  const fields = fieldNames.split(',');
  const missing = READ.filter((name) => !fields.includes(name));
  if (missing.length) throw new Error(`poids-des-mots: report.js reads ${missing.join(', ')}, which src/wasm.rs does not write`);
  [START, END, CATEGORY, SEVERITY, TARGETED, TEXT_LENGTH, RULE_LENGTH, EXPLANATION_LENGTH, EXPLANATION_KEY] = READ.map((name) => fields.indexOf(name));
  stride = fields.length;
}

/** Explanations by key, as `report_to_js` hands them over (each once, then `KEPT`). */
const kept = [];
/** In place of an explanation's length: the one kept under the finding's key. */
const KEPT = 0xffffffff;
/** In place of a key: nothing to keep. */
const NO_KEY = 0xffffffff;

/**
 * `numbers` holds `stride` numbers per finding (see `setNames`): start, end, category, severity,
 * targeted (0 or 1), the lengths in UTF-16 code units of its text, rule and explanation (or `KEPT`),
 * which follow one another in `strings`, and the key its explanation is kept under (or `NO_KEY`).
 */
export function makeReport(score, level, flagged, distress, victim, numbers, strings) {
  const findings = [];
  let at = 0;
  for (let i = 0; i + stride <= numbers.length; i += stride) {
    const text = strings.slice(at, (at += numbers[i + TEXT_LENGTH]));
    const rule = strings.slice(at, (at += numbers[i + RULE_LENGTH]));
    const key = numbers[i + EXPLANATION_KEY];
    let explanation;
    if (numbers[i + EXPLANATION_LENGTH] === KEPT) {
      explanation = kept[key];
    } else {
      explanation = strings.slice(at, (at += numbers[i + EXPLANATION_LENGTH]));
      if (key !== NO_KEY) kept[key] = explanation;
    }
    findings.push({
      start: numbers[i + START],
      end: numbers[i + END],
      text,
      category: categories[numbers[i + CATEGORY]],
      severity: numbers[i + SEVERITY],
      rule,
      targeted: numbers[i + TARGETED] === 1,
      explanation,
    });
  }
  return { score, level: levels[level], flagged, distress, victim, findings };
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
export function emptyReport(score, level, flagged, distress, victim) {
  return { score, level: levels[level], flagged, distress, victim, findings: [] };
}
