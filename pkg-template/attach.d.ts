import type { Category, CustomTerm, Finding, Level, Report } from './poids_des_mots.js';
import type { Checker, CheckerMode, Timing, WasmSource } from './checker.js';
import type { HelpResources } from './resources.js';
import type { Messages } from './messages.js';

export { createChecker } from './checker.js';
export type { Checker, CheckerMode, CheckerOptions, Timing, WasmSource } from './checker.js';
export { MESSAGES } from './messages.js';
export type { Messages } from './messages.js';
export { RESOURCES_FR, RESOURCES_GB, DEFAULT_RESOURCES, supportKind } from './resources.js';
export type { HelpResource, HelpResources } from './resources.js';

/** Which level asks the author to confirm before sending. */
export type Sensitivity = 'notice' | 'warn' | 'alert';

/** What the feedback shows: a warning level, `distress` for support alone (an author in distress, or
 *  reporting abuse done to them; support also shows next to a warning). */
export type AttachState = 'loading' | 'empty' | 'none' | 'notice' | 'warn' | 'alert' | 'distress' | 'error';

/** The help an author may need: for thoughts of dying or self-harm, or for being harassed. */
export type SupportKind = 'suicide' | 'harassment';

/**
 * What a report asks of the page: attach()'s policy, the same for every UI. Caution and support are
 * independent: a message with distress and harm to others gets both (support, and the confirmation).
 */
export interface Advice {
  /** The warning shown: the report's level, or 'none' when nothing but distress is found. */
  caution: Level;
  /** Whether sending asks "Es-tu sûr·e ?" first (caution at or above the sensitivity). */
  confirm: boolean;
  /** The help to offer the author, most urgent first; empty when none is needed. */
  support: SupportKind[];
  /** The author reports abuse done to them (`report.victim`): support with the 3018, no caution for the words
   *  reported (`finding.reported`), which are left out of `findings`; the author's own words still count. */
  victim: boolean;
  /** What the feedback shows: the caution level, 'distress' for support alone, or 'none'. */
  state: 'none' | 'notice' | 'warn' | 'alert' | 'distress';
  /** The spans to highlight and to name, and no others (a word that weighs nothing is neither). */
  findings: Finding[];
}

/** What `report` asks of the page at `sensitivity` (default 'warn'). */
export function advise(report: Report, sensitivity?: Sensitivity): Advice;

/** Options of `attach()`. Unknown keys and wrong types are a TypeError, values out of range a RangeError. */
export interface AttachOptions {
  /** A checker to share between fields (not destroyed by detach()). Otherwise attach() creates one. */
  checker?: Checker | Promise<Checker>;
  /** Language of the explanations and nudges. Default `'fr'` (or the checker's). */
  locale?: 'fr' | 'en';
  /** Which level asks to confirm on submit. Default `'warn'`. */
  sensitivity?: Sensitivity;
  /** Milliseconds of pause before analysing. Default 150. */
  debounce?: number;
  /** Draw highlights over the words that weigh. Default true. */
  highlight?: boolean;
  /** Show the feedback after the field (true, default), inside this element, or not at all (false). */
  feedback?: boolean | HTMLElement;
  /** Ask to confirm when the form is submitted. Default true. */
  guard?: boolean;
  /** The form to guard. Default: the field's form. */
  form?: HTMLFormElement | null;
  /** The help line under a warning: true (from `resources`), false (none), or your own sentence. */
  help?: boolean | string;
  /** Help resources for your country. Default RESOURCES_FR. `null`: no numbers at all. */
  resources?: HelpResources | null;
  /** Replace some of the texts. */
  messages?: Partial<Messages>;
  /** Adopt the stylesheet (constructed, CSP-safe). false: link `poids-des-mots/attach.css` yourself. */
  styles?: boolean;
  // Passed to createChecker() when no `checker` is given:
  mode?: CheckerMode;
  extraTerms?: CustomTerm[];
  allowedTerms?: string[];
  ignoreCategories?: Category[];
  rulesOnly?: boolean;
  wasm?: WasmSource;
  workerUrl?: string | URL;
}

export interface AnalysisDetail {
  report: Report;
  text: string;
  state: AttachState;
  timing: Timing | null;
}

export interface AttachEventMap {
  /** After each analysis. */
  analysis: CustomEvent<AnalysisDetail>;
  /** The "Are you sure?" dialog opened. */
  confirm: CustomEvent<{ report: Report }>;
  /** The author chose to send anyway. */
  'send-anyway': CustomEvent<{ report: Report }>;
  /** The author chose to rephrase (or pressed Escape). */
  rephrase: CustomEvent<{ report: Report }>;
  /** detach() ran. */
  detach: CustomEvent<{}>;
}

/** What attach() returns. An EventTarget: listen to `analysis`, `confirm`, `send-anyway`, `rephrase`. */
export interface AttachHandle extends EventTarget {
  /** Resolves when the analyzer is ready; rejects if it cannot start (the field keeps working). */
  readonly ready: Promise<void>;
  readonly element: HTMLElement;
  readonly checker: Checker | null;
  readonly locale: 'fr' | 'en';
  /** The last report, and the text it is about. */
  readonly report: Report | null;
  readonly text: string | null;
  readonly state: AttachState;
  readonly timing: Timing | null;
  /** The current text of the field (for contenteditable: text nodes, with line breaks). */
  read(): string;
  /** Analyses the current text now. */
  check(): Promise<Report>;
  /** Whether `report` asks to confirm at this sensitivity (`advise(report).confirm`; distress does not change it). */
  needsConfirmation(report?: Report | null): boolean;
  /** For sites without a form: resolves true to send, false to rephrase (asks only when needed). */
  confirm(): Promise<boolean>;
  /** Removes every listener, node, attribute and stylesheet it added. */
  detach(): void;
  addEventListener<K extends keyof AttachEventMap>(type: K, listener: (event: AttachEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof AttachEventMap>(type: K, listener: (event: AttachEventMap[K]) => void, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/** Watches a <textarea>, a text <input> or a contenteditable element. Throws on invalid options. */
export function attach(element: HTMLElement, options?: AttachOptions): AttachHandle;

/** The stylesheet attach() adopts (the content of attach.css). */
export const CSS: string;

export type { Finding, Level, Report };
