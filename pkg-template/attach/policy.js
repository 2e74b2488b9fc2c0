// What a report means for the author: which state the feedback shows, and whether sending asks to
// confirm first. Words and DOM are elsewhere (panel.js, dialog.js).

const LEVELS = ['none', 'notice', 'warn', 'alert'];
/** The levels the `sensitivity` option may name. */
export const SENSITIVITIES = LEVELS.slice(1);

export const isDistress = (f) => f.category === 'distress';
const rank = (level) => LEVELS.indexOf(level);

/** The state shown for a report: support for distress, a warning from `notice` up. */
export function stateOf(text, report) {
  if (text.trim() === '') return 'empty';
  if (report.distress || report.findings.some(isDistress)) return 'distress';
  const weighing = report.findings.some((f) => !isDistress(f));
  if (!weighing || report.level === 'none') return 'none';
  return report.level;
}

/** Would this report ask the author to confirm at `sensitivity`? Never for distress. */
export function needsConfirmation(report, sensitivity) {
  if (!report || report.distress || report.findings.some(isDistress)) return false;
  return report.findings.length > 0 && rank(report.level) >= rank(sensitivity);
}
