// attach(element, options): the as-you-type experience on a <textarea>, an
// <input> or a contenteditable element. It never touches what the author types:
// highlights are drawn in an overlay next to the field, so the caret, the undo
// history and IME composition (dead keys, mobile keyboards) stay the browser's.
//
//   import { attach } from 'poids-des-mots/attach';
//   const handle = attach(document.querySelector('textarea'), { locale: 'fr' });
//   handle.addEventListener('send-anyway', () => count++);  // local counting, if you wish
//
// The parts live in attach/: options.js (checks and defaults), handle.js (wires the rest to the field),
// highlight.js, panel.js, dialog.js, policy.js (what a report means), and the styles of attach.css.
import { AttachHandle, isAttached } from './attach/handle.js';
import { fail, validate } from './attach/options.js';

/** What a report asks of the page (caution, confirmation, support): attach()'s one policy, for your own UI too. */
export { advise } from './attach/policy.js';

export { createChecker } from './checker.js';
export { MESSAGES } from './messages.js';
export { RESOURCES_FR, RESOURCES_GB, DEFAULT_RESOURCES, supportKind } from './resources.js';
/** The stylesheet attach() adopts: the text of attach.css. */
export { CSS } from './attach/css.js';
export { AttachHandle };

/**
 * Watches `element` as the author types. Throws a TypeError or RangeError for
 * invalid options, synchronously; `handle.ready` rejects if the analyzer cannot
 * start (the field keeps working, without the check).
 */
export function attach(element, options) {
  const { kind, o } = validate(element, options);
  if (isAttached(element)) throw fail(Error, 'this element is already attached; call detach() on its handle first');
  return new AttachHandle(element, kind, o);
}
