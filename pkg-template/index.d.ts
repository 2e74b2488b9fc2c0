// Hand-written types for poids-des-mots, on top of the ones wasm-bindgen
// generates (poids_des_mots.d.ts types the report as `any`).
// Everything the generated module exports is re-exported; the declarations
// below take precedence over it for `Analyzer` and the default `init`.

export * from './poids_des_mots.js';
import type { InitInput, InitOutput } from './poids_des_mots.js';

/** How much a message weighs, from lightest to heaviest. */
export type Level = 'none' | 'notice' | 'warn' | 'alert';

/**
 * What a finding is about. 'distress' means the author seems to be in pain:
 * answer with support, not with a warning.
 */
export type Category =
  | 'insult'
  | 'denigration'
  | 'exclusion'
  | 'threat'
  | 'self_harm_incitement'
  | 'sexism'
  | 'sexual_harassment'
  | 'lgbtphobia'
  | 'racism'
  | 'antisemitism'
  | 'ableism'
  | 'dehumanization'
  | 'sextortion'
  | 'doxxing'
  | 'rumour'
  | 'profanity'
  | 'distress'
  | (string & {});

export interface Finding {
  /** Start of the span, in UTF-16 code units into the analysed text. */
  start: number;
  /** End of the span (exclusive), in UTF-16 code units. */
  end: number;
  /** Exactly `text.slice(start, end)`. */
  text: string;
  category: Category;
  /** 1 (light) .. 3 (heavy). */
  severity: 1 | 2 | 3;
  /** Identifier of the rule that matched, such as 'fr.insult.connard'. */
  rule: string;
  /** True when the words are aimed at someone ("t'es", "toi", a name…). */
  targeted: boolean;
  /** A short, kind explanation, in the analyzer's locale. */
  explanation: string;
}

export interface Report {
  /** 0 (nothing) .. 1 (very heavy). */
  score: number;
  level: Level;
  /** `level` is 'warn' or 'alert'. */
  flagged: boolean;
  findings: Finding[];
}

export interface AnalyzerOptions {
  /** Language of the messages and of the explanations. Default 'fr'. */
  locale?: 'fr' | 'en';
}

export class Analyzer {
  /**
   * @throws {TypeError} on an unknown option or a value of the wrong type.
   */
  constructor(options?: AnalyzerOptions);
  /**
   * Analyses `text` on this device; nothing is sent anywhere.
   * @throws {TypeError} when `text` is not a string.
   * @throws {RangeError} when `text` is longer than 1,048,576 UTF-16 code units.
   */
  analyze(text: string): Report;
  /** Frees the memory held on the WebAssembly side. */
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * Loads the WebAssembly module. In a browser, with no argument, it fetches
 * `poids_des_mots_bg.wasm` next to `poids_des_mots.js`. In Node, pass the bytes:
 * `await init({ module_or_path: fs.readFileSync(new URL('poids_des_mots_bg.wasm', import.meta.resolve('poids-des-mots'))) })`.
 */
export default function init(
  module_or_path?:
    | { module_or_path: InitInput | Promise<InitInput> }
    | InitInput
    | Promise<InitInput>,
): Promise<InitOutput>;
