// Not bundled: `tsc -p examples/vite` type-checks every export of the package against this
// usage (scripts/vite-example.sh runs it). A wrong or missing type here fails the test.
import init, { Analyzer, version, type Report, type Finding, type Category, type Level } from 'poids-des-mots';
import {
  attach,
  advise,
  createChecker,
  MESSAGES,
  RESOURCES_FR,
  RESOURCES_GB,
  DEFAULT_RESOURCES,
  supportKind,
  CSS,
  type AttachHandle,
  type AttachOptions,
  type AttachState,
  type Advice,
  type SupportKind,
  type Checker,
  type Sensitivity,
  type Timing,
  type HelpResources,
  type Messages,
} from 'poids-des-mots/attach';
import { loadModule, validateCheckerOptions, describe } from 'poids-des-mots/checker';
import { resourceText } from 'poids-des-mots/resources';

export async function typed(textarea: HTMLTextAreaElement): Promise<string[]> {
  await init();
  const analyzer = new Analyzer({ locale: 'fr', allowedTerms: ['tuer le boss'], ignoreCategories: ['profanity'] });
  const report: Report = analyzer.analyze('salut');
  const first: Finding | undefined = report.findings[0];
  const category: Category | undefined = first?.category;
  const level: Level = report.level;
  const max: number = analyzer.maxTextLength;

  const checker: Checker = await createChecker({ mode: 'worker', locale: 'en', extraTerms: [{ pattern: 'noob', category: 'insult', severity: 2 }] });
  const r2: Report = await checker.analyze('hello');
  const timing: Timing | null = checker.lastTiming;
  const sync: Report | undefined = checker.analyzeSync?.('x');
  const module: WebAssembly.Module = await loadModule();
  validateCheckerOptions({ mode: 'local' });

  const sensitivity: Sensitivity = 'alert';
  const options: AttachOptions = { checker, sensitivity, debounce: 200, help: false, resources: RESOURCES_GB, messages: { warn: 'Hmm' } };
  const handle: AttachHandle = attach(textarea, options);
  await handle.ready;
  handle.addEventListener('analysis', (e) => {
    const state: AttachState = e.detail.state;
    const ms: number | undefined = e.detail.timing?.totalMs;
    void state, ms;
  });
  handle.addEventListener('send-anyway', (e) => void e.detail.report.score);
  const ok: boolean = await handle.confirm();
  const again: Report = await handle.check();
  const needs: boolean = handle.needsConfirmation(again);
  const advice: Advice = advise(again, 'alert');
  const help: SupportKind[] = advice.support;
  const shown: Finding[] = advice.findings;
  const caution: Level = advice.caution;
  void help, shown, caution, advice.confirm;
  // @ts-expect-error: 'distress' is a state, not a sensitivity
  advise(again, 'distress');
  handle.detach();
  checker.destroy();

  const m: Messages = MESSAGES.en;
  const res: HelpResources = DEFAULT_RESOURCES;
  const kind: 'suicide' | 'harassment' = supportKind({ rule: 'fr.distress.je_veux_mourir' });
  const line: string = resourceText(RESOURCES_FR, kind, 'fr');
  // @ts-expect-error: sensitivity is 'notice' | 'warn' | 'alert'
  attach(textarea, { sensitivity: 'high' });
  // @ts-expect-error: distress cannot be ignored (a RangeError at run time too)
  void createChecker({ ignoreCategories: ['distress'] });
  // @ts-expect-error: modes are 'local' | 'worker'
  void createChecker({ mode: 'cloud' });
  return [version(), String(category), level, String(max), r2.level, String(timing), String(sync), String(module), m.warn, String(res.country), line, String(ok), String(needs), CSS, describe(null)];
}
