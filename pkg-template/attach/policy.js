// What a report asks of the page, decided once: attach() (and so the demo, which is attach() on a
// form) follows advise(), and a site that draws its own UI can call it too. Words and DOM are elsewhere
// (panel.js, dialog.js, highlight.js).
//
// The rule rests on what the core guarantees (src/lib.rs, `Report`): `level` measures harm to others
// only; distress is never counted in it and never lowers it. So caution and support are independent:
//   - caution: the words that weigh (level notice and up) are named and highlighted; sending asks to
//     confirm from the site's sensitivity (default warn) up;
//   - support: an author in distress is offered help (3114, 3018…), whatever else the message holds;
//     so is an author who reports abuse done to them (`report.victim`: "il m'a traité de connard, c'est
//     pas cool"), whose reported words weigh nothing in the core and so get no caution here.
// A message with both gets both: distress never hides abuse, and abuse never hides distress.
import { supportKind } from '../resources.js';

const LEVELS = ['none', 'notice', 'warn', 'alert'];
/** The levels the `sensitivity` option may name. */
export const SENSITIVITIES = LEVELS.slice(1);

export const isDistress = (f) => f.category === 'distress';
const rank = (level) => LEVELS.indexOf(level);
/** Most urgent first: the order support lines are shown in. */
const SUPPORT_ORDER = ['suicide', 'harassment'];

/**
 * What `report` asks of the page at `sensitivity`:
 * - `caution`: the level shown as a warning ('none' when nothing weighs enough to be named);
 * - `confirm`: whether sending asks "Es-tu sûr·e ?" first;
 * - `support`: the help to offer the author, most urgent first ('suicide', 'harassment'), or [];
 * - `victim`: the author reports abuse done to them (the support speaks to that, with the 3018);
 * - `state`: what the feedback shows: the caution level, or 'distress' for support alone, or 'none';
 * - `findings`: the spans to highlight and to name, and no others (the highlight and the panel agree:
 *   a word below `notice`, which weighs nothing, is neither highlighted nor named).
 */
export function advise(report, sensitivity = 'warn') {
  const weighing = report.findings.filter((f) => !isDistress(f));
  const caution = weighing.length && rank(report.level) >= rank('notice') ? report.level : 'none';
  const distressed = report.findings.filter(isDistress);
  const kinds = new Set(distressed.map(supportKind));
  if ((report.distress && !kinds.size) || report.victim) kinds.add('harassment');
  const support = SUPPORT_ORDER.filter((k) => kinds.has(k));
  return {
    caution,
    confirm: caution !== 'none' && rank(caution) >= rank(sensitivity),
    support,
    victim: !!report.victim,
    state: caution !== 'none' ? caution : support.length ? 'distress' : 'none',
    findings: caution === 'none' ? distressed : report.findings,
  };
}
