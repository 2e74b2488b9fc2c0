import type { AnalyzerOptions, Report } from './poids_des_mots.js';

/** Where the analysis runs: on the calling thread, or in a Web Worker (browsers only). */
export type CheckerMode = 'local' | 'worker';

/** Where the .wasm comes from: a URL, bytes, a fetch Response or a compiled module. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/** Options of `createChecker()`: the analyzer's own, plus where it runs. Unknown keys are a TypeError. */
export interface CheckerOptions extends AnalyzerOptions {
  /** Default `'local'`. `'worker'` keeps long texts off the main thread. */
  mode?: CheckerMode;
  /** Default: `poids_des_mots_bg.wasm` next to the package's JS. In Node, pass the bytes. */
  wasm?: WasmSource;
  /** Where `worker.js` is served, if your bundler does not follow `new URL('./worker.js', import.meta.url)`. */
  workerUrl?: string | URL;
}

/** Milliseconds spent on the last analysis: in the analyzer, and in all (round trip to the worker included). */
export interface Timing {
  analysisMs: number;
  totalMs: number;
}

/** The same interface in both modes. */
export interface Checker {
  readonly mode: CheckerMode;
  /** The language of the explanations. */
  readonly locale: 'fr' | 'en';
  /** The longest text `analyze` accepts, in UTF-16 code units. */
  readonly maxTextLength: number;
  /** Timing of the last successful analysis, or null. */
  readonly lastTiming: Timing | null;
  /** Rejects with a TypeError (not a string) or a RangeError (too long), like `Analyzer.analyze`. */
  analyze(text: string): Promise<Report>;
  /** Local mode only: the same analysis, synchronously. */
  analyzeSync?(text: string): Report;
  /** Frees the analyzer (and terminates the worker). Pending analyses reject. */
  destroy(): void;
}

/**
 * Creates a checker; resolves once it is ready. Rejects with a TypeError or a RangeError for
 * invalid options, or an Error if the .wasm cannot be loaded (or, in worker mode, Workers are missing).
 * Then, in a browser, the checker analyses a short message of its own (in the worker at once, or on the
 * page when it is idle), so that the first keystroke does not wait for the engine to compile the code.
 */
export function createChecker(options?: CheckerOptions): Promise<Checker>;

/** The compiled module, fetched once per page unless `source` is given. */
export function loadModule(source?: WasmSource): Promise<WebAssembly.Module>;

/** Checks createChecker()'s own options; throws TypeError / RangeError. */
export function validateCheckerOptions(options?: CheckerOptions | null): CheckerOptions;

/** How error messages name a value: 'null', 'an array', or its typeof. */
export function describe(value: unknown): string;
