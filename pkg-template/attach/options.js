// attach()'s arguments: which field it is, and its options checked (a TypeError for a wrong type or
// an unknown key, a RangeError for a wrong value, each naming the option) with the defaults filled in.
import { describe } from '../checker.js';
import { MESSAGES } from '../messages.js';
import { ATTACH_CHECKER_KEYS, ATTACH_KEYS } from '../option-keys.js';
import { DEFAULT_RESOURCES } from '../resources.js';
import { fieldKind } from './field.js';
import { SENSITIVITIES } from './policy.js';

/** An error of class `Ctor` whose message names the library. */
export function fail(Ctor, message) {
  return new Ctor(`poids-des-mots: ${message}`);
}

/** Checks attach()'s arguments; returns the field's kind, and the options with defaults filled in. */
export function validate(element, options) {
  const kind = typeof HTMLElement === 'function' ? fieldKind(element) : null;
  if (!kind) {
    throw fail(TypeError, `attach(element) expects a <textarea>, a text <input> or a contenteditable element, got ${
      element && element.nodeName ? `<${element.nodeName.toLowerCase()}>` : describe(element)}`);
  }
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw fail(TypeError, `attach(element, options) expects an options object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!ATTACH_KEYS.includes(key)) throw fail(TypeError, `unknown key "${key}" in attach options; expected one of ${ATTACH_KEYS.join(', ')}`);
  }
  const o = { ...options };
  if (o.checker !== undefined) {
    const c = o.checker;
    if (!c || (typeof c.analyze !== 'function' && typeof c.then !== 'function')) {
      throw fail(TypeError, `option checker expects a checker from createChecker() (or its promise), got ${describe(c)}`);
    }
    const clash = ATTACH_CHECKER_KEYS.filter((k) => o[k] !== undefined);
    if (clash.length) throw fail(TypeError, `option ${clash[0]} belongs to createChecker() when a checker is given`);
  }
  if (o.locale !== undefined && !Object.hasOwn(MESSAGES, o.locale)) {
    throw fail(RangeError, `option locale expects 'fr' or 'en', got ${JSON.stringify(o.locale)}`);
  }
  if (o.sensitivity === undefined) o.sensitivity = 'warn';
  else if (!SENSITIVITIES.includes(o.sensitivity)) {
    throw fail(RangeError, `option sensitivity expects 'notice', 'warn' or 'alert', got ${JSON.stringify(o.sensitivity)}`);
  }
  if (o.debounce === undefined) o.debounce = 150;
  else if (typeof o.debounce !== 'number') throw fail(TypeError, `option debounce expects a number of milliseconds, got ${describe(o.debounce)}`);
  else if (!Number.isFinite(o.debounce) || o.debounce < 0 || o.debounce > 10_000) {
    throw fail(RangeError, `option debounce expects 0 to 10000 milliseconds, got ${o.debounce}`);
  }
  for (const k of ['highlight', 'guard', 'styles']) {
    if (o[k] === undefined) o[k] = true;
    else if (typeof o[k] !== 'boolean') throw fail(TypeError, `option ${k} expects a boolean, got ${describe(o[k])}`);
  }
  if (o.feedback === undefined) o.feedback = true;
  else if (typeof o.feedback !== 'boolean' && !(o.feedback instanceof HTMLElement)) {
    throw fail(TypeError, `option feedback expects a boolean or an element to render into, got ${describe(o.feedback)}`);
  }
  if (o.form !== undefined && o.form !== null && !(o.form instanceof HTMLFormElement)) {
    throw fail(TypeError, `option form expects a <form>, got ${describe(o.form)}`);
  }
  if (o.help === undefined) o.help = true;
  else if (typeof o.help !== 'boolean' && typeof o.help !== 'string') {
    throw fail(TypeError, `option help expects true, false or the sentence to show, got ${describe(o.help)}`);
  }
  if (o.resources === undefined) o.resources = DEFAULT_RESOURCES;
  else if (o.resources !== null && (typeof o.resources !== 'object' || Array.isArray(o.resources))) {
    throw fail(TypeError, `option resources expects an object like RESOURCES_FR, or null, got ${describe(o.resources)}`);
  }
  if (o.messages !== undefined) {
    if (!o.messages || typeof o.messages !== 'object' || Array.isArray(o.messages)) {
      throw fail(TypeError, `option messages expects an object, got ${describe(o.messages)}`);
    }
    for (const [k, v] of Object.entries(o.messages)) {
      if (!Object.hasOwn(MESSAGES.fr, k)) throw fail(TypeError, `unknown key "${k}" in option messages; expected one of ${Object.keys(MESSAGES.fr).join(', ')}`);
      if (typeof v !== 'string') throw fail(TypeError, `messages.${k} expects a string, got ${describe(v)}`);
    }
  }
  return { kind, o };
}
