// One interface, two places to run: `createChecker({ mode: 'local' })` analyses
// on the calling thread (synchronous underneath, fastest for short messages);
// `createChecker({ mode: 'worker' })` analyses in a Web Worker, so that a very
// long text never blocks typing. Both give the same reports.
//
// The .wasm is fetched (once) from next to this file, or taken from the `wasm`
// option (a URL, bytes, a Response or a compiled WebAssembly.Module). In worker
// mode the compiled module is handed to the worker: nothing is fetched twice,
// and the worker never loads code from anywhere else than the package.
import * as glue from './poids_des_mots.js';
import { ANALYZER_KEYS, CHECKER_KEYS } from './option-keys.js';

const { default: init, initSync, Analyzer } = glue;
// Is './poids_des_mots.js' the variant with the .wasm inside (poids_des_mots_embedded.js served under
// that name, as in www-demo/strict/)? Then init() fetches nothing, and neither may we.
const EMBEDDED = Object.keys(glue).includes('WASM_SHA256');

const MODES = ['local', 'worker'];

/** `null`, `an array`, `a number`… for error messages, like the wasm side says it. */
export function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function pick(options, keys) {
  const out = {};
  for (const k of keys) if (options[k] !== undefined) out[k] = options[k];
  return out;
}

/** Rebuilds an error that crossed postMessage, keeping its type. */
function revive(e) {
  const Ctor = e && e.name === 'TypeError' ? TypeError : e && e.name === 'RangeError' ? RangeError : Error;
  return new Ctor(e && e.message ? e.message : String(e));
}

/**
 * A message whose analysis runs most of the code a report needs (accents, an elision, leetspeak, an
 * insult, an emoji). The engine compiles each function of the .wasm on its first call: the first
 * report of a page pays about 2 ms for that in Node and 6 ms in Chromium. A checker analyses this once
 * ahead (in the worker, or when the page is idle), so that the first keystroke does not wait for it.
 */
const WARM_UP = "Salut ! T'es un c0nnard, ça va ? 😀";

/** Analyses `WARM_UP` on this thread when it is idle (browsers only: Node has no keystrokes to spare). */
function warmUpWhenIdle(analyze) {
  if (typeof document === 'undefined') return;
  const run = () => {
    try {
      analyze(WARM_UP);
    } catch {
      // Only a warm-up: a destroyed checker, say.
    }
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 100);
}

let defaultModule; // Promise<WebAssembly.Module> for the .wasm next to this file

// The cheap tests come first: in Node, the first look at the `Response` or `Request` global loads
// its fetch implementation (about 20 ms), which a Module, bytes, a string or a URL never need.
async function compile(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source);
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`poids-des-mots: could not fetch the .wasm (${source.status} ${source.url})`);
    if (typeof WebAssembly.compileStreaming === 'function' && source.headers.get('Content-Type') === 'application/wasm') {
      return WebAssembly.compileStreaming(source);
    }
    return WebAssembly.compile(await source.arrayBuffer());
  }
  if (typeof source === 'string' || source instanceof URL || (typeof Request === 'function' && source instanceof Request)) {
    let response;
    try {
      response = await fetch(source);
    } catch (err) {
      const where = String(source instanceof Request ? source.url : source);
      throw new Error(
        `poids-des-mots: could not fetch ${where} (${err && err.message}). ` +
          (where.startsWith('file:')
            ? 'In Node, pass the bytes: createChecker({ wasm: fs.readFileSync(new URL("poids_des_mots_bg.wasm", import.meta.resolve("poids-des-mots"))) }).'
            : 'Serve poids_des_mots_bg.wasm next to poids_des_mots.js, or pass its URL as the `wasm` option.'),
      );
    }
    return compile(response);
  }
  throw new TypeError(
    `poids-des-mots: option wasm expects a URL, a string, bytes, a Response or a WebAssembly.Module, got ${describe(source)}`,
  );
}

/** The compiled WebAssembly module, fetched once per page (or from `source`). */
export function loadModule(source) {
  if (source !== undefined) return compile(source);
  if (!defaultModule) {
    defaultModule = compile(new URL('./poids_des_mots_bg.wasm', import.meta.url));
    defaultModule.catch(() => {
      defaultModule = undefined; // let a later call try again
    });
  }
  return defaultModule;
}

let localReady; // Promise<void>: the glue of this thread is initialised

function initLocal(source) {
  if (!localReady) {
    localReady =
      source === undefined && EMBEDDED
        ? init().then(() => undefined)
        : // The module is compiled already: instantiating it is cheap (about 1 ms), so it is done
          // synchronously, which also spares Node the glue's look at `Request` (see compile()).
          loadModule(source).then((module) => {
            initSync({ module });
          });
    localReady.catch(() => {
      localReady = undefined;
    });
  }
  return localReady;
}

/** Checks the checker's own options (the wasm side checks the analyzer's). */
export function validateCheckerOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`poids-des-mots: createChecker(options) expects an options object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!CHECKER_KEYS.includes(key)) {
      throw new TypeError(`poids-des-mots: unknown key "${key}" in options; expected one of ${CHECKER_KEYS.join(', ')}`);
    }
  }
  if (options.mode !== undefined && !MODES.includes(options.mode)) {
    throw new RangeError(`poids-des-mots: option mode expects 'local' or 'worker', got ${JSON.stringify(options.mode)}`);
  }
  if (options.workerUrl !== undefined && typeof options.workerUrl !== 'string' && !(options.workerUrl instanceof URL)) {
    throw new TypeError(`poids-des-mots: option workerUrl expects a string or a URL, got ${describe(options.workerUrl)}`);
  }
  return options;
}

class LocalChecker {
  #analyzer;
  constructor(analyzer, locale) {
    this.#analyzer = analyzer;
    this.mode = 'local';
    this.locale = locale;
    this.lastTiming = null;
    warmUpWhenIdle((text) => this.#analyzer && this.#analyzer.analyze(text));
  }
  get maxTextLength() {
    return this.#analyzer ? this.#analyzer.maxTextLength : 1 << 20;
  }
  /** Synchronous analysis (local mode only). */
  analyzeSync(text) {
    if (!this.#analyzer) throw new Error('poids-des-mots: this checker was destroyed');
    const t0 = now();
    const report = this.#analyzer.analyze(text);
    const ms = now() - t0;
    this.lastTiming = { analysisMs: ms, totalMs: ms };
    return report;
  }
  async analyze(text) {
    return this.analyzeSync(text);
  }
  destroy() {
    if (this.#analyzer) this.#analyzer.free();
    this.#analyzer = null;
  }
}

class WorkerChecker {
  #worker;
  #pending = new Map();
  #nextId = 1;
  constructor(worker, locale) {
    this.#worker = worker;
    this.mode = 'worker';
    this.locale = locale;
    this.lastTiming = null;
    worker.onmessage = (event) => this.#receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.#failAll(new Error(`poids-des-mots: the worker failed (${event.message || 'error'})`));
    };
    // The worker's thread is its own: warm it up at once (id 0 is never a job's, its answer is dropped).
    worker.postMessage({ type: 'analyze', id: 0, text: WARM_UP });
  }
  get maxTextLength() {
    return 1 << 20;
  }
  #receive(msg) {
    const job = this.#pending.get(msg.id);
    if (!job) return;
    this.#pending.delete(msg.id);
    if (msg.error) {
      job.reject(revive(msg.error));
    } else {
      this.lastTiming = { analysisMs: msg.ms, totalMs: now() - job.t0 };
      job.resolve(msg.report);
    }
  }
  #failAll(err) {
    for (const job of this.#pending.values()) job.reject(err);
    this.#pending.clear();
  }
  analyze(text) {
    if (!this.#worker) return Promise.reject(new Error('poids-des-mots: this checker was destroyed'));
    if (typeof text !== 'string') {
      return Promise.reject(new TypeError(`poids-des-mots: analyze(text) expects a string, got ${describe(text)}`));
    }
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      this.#pending.set(id, { resolve, reject, t0: now() });
      this.#worker.postMessage({ type: 'analyze', id, text });
    });
  }
  destroy() {
    if (!this.#worker) return;
    this.#worker.terminate();
    this.#worker = null;
    this.#failAll(new Error('poids-des-mots: this checker was destroyed'));
  }
}

function startWorker(options, module, analyzerOptions) {
  if (typeof Worker !== 'function') {
    throw new Error("poids-des-mots: mode 'worker' needs Web Workers (a browser); use mode 'local' here");
  }
  // Written out literally so that bundlers (Vite, webpack 5) find and bundle the worker.
  const worker = options.workerUrl
    ? new Worker(options.workerUrl, { type: 'module', name: 'poids-des-mots' })
    : new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'poids-des-mots' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => {
      const msg = event.data;
      if (msg && msg.type === 'ready') resolve(worker);
      else {
        worker.terminate();
        reject(revive(msg && msg.error));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      worker.terminate();
      reject(new Error(`poids-des-mots: the worker could not start (${event.message || 'check worker-src in your CSP'})`));
    };
    try {
      worker.postMessage({ type: 'init', module, options: analyzerOptions });
    } catch (err) {
      worker.terminate();
      reject(new TypeError(`poids-des-mots: options must be plain data (${err.message})`));
    }
  });
}

/**
 * Creates a checker. Resolves once the analyzer is ready; rejects with a
 * TypeError or RangeError for invalid options (the same errors as
 * `new Analyzer(options)`), or an Error when the .wasm cannot be loaded.
 */
export async function createChecker(options) {
  options = validateCheckerOptions(options);
  const analyzerOptions = pick(options, ANALYZER_KEYS);
  const locale = analyzerOptions.locale === undefined ? 'fr' : analyzerOptions.locale;
  if ((options.mode || 'local') === 'local') {
    await initLocal(options.wasm);
    return new LocalChecker(new Analyzer(analyzerOptions), locale);
  }
  // The embedded variant: the worker's own copy of the module carries the bytes.
  const module = options.wasm === undefined && EMBEDDED ? undefined : await loadModule(options.wasm);
  const worker = await startWorker(options, module, analyzerOptions);
  return new WorkerChecker(worker, locale);
}
