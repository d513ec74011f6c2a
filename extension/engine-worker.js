// The engine's dedicated Worker (bundled by bundle.mjs into one classic worker script). It runs
// in a blob: worker started by the content script (the page's own process, off its main thread),
// or, where the page's CSP forbids that, in a worker of the extension's offscreen document /
// background page. The caller gives every request a deadline and terminates this worker when one
// is missed (lib/engine.js): an endless loop in the engine costs a restart, never a frozen page.
//
// Protocol: {id, method: 'init' | 'analyze' | 'rules' | 'draft' | 'soap', args} -> {id, result, ms, at} | {id, error}
// (analyze's result: the Report without `sentences` and `billing`, which the page does not use).
// (ms: the engine's own time on the call; at: when it started, performance.timeOrigin + now).
// ('init' args: [URL of the packaged .wasm, or a WebAssembly.Module]). Errors carry only a name:
// nothing here logs note text, or keeps any beyond the first analyses' warm-up (lib/warmup.js).
import init, { analyze, rules, draft, soap, version } from './pkg/skillmark.js';
import { createWarmUp } from './lib/warmup.js';

/* global SKILLMARK_TEST_BUILD */
let ready = null;

// The first analyses are run again while the worker is idle, so V8 optimises the engine before
// the therapist types (lib/warmup.js).
const warm = createWarmUp((text) => analyze(text));

function run(method, args) {
  if (method === 'rules') return rules();
  const text = String(args[0] ?? '');
  // Test builds only (bundle.mjs --test; the shipped bundle has no such branch): an engine that
  // never returns, to prove the page survives one.
  if (SKILLMARK_TEST_BUILD && text.includes('SKILLMARK_TEST_HANG')) for (;;) { /* hang */ }
  if (method === 'draft') return draft(text);
  if (method === 'soap') return soap(text);
  return trim(analyze(text, args[1] ?? undefined));
}

/** The report without what the page's script never reads (every sentence with its labels, the
 * billing facts): a quarter less to copy to the page and for it to take in, per analysis (a
 * 10,000-character note's report: 0.64 -> 0.47 ms to clone; issue 23). */
function trim(report) {
  delete report.sentences;
  delete report.billing;
  return report;
}

self.onmessage = async ({ data }) => {
  const { id, method, args } = data || {};
  try {
    let result;
    if (method === 'init') {
      const t0 = performance.now();
      await (ready ??= init({ module_or_path: args[0] }));
      result = { version: version(), instantiateMs: Math.round((performance.now() - t0) * 10) / 10 };
    } else {
      if (!ready) throw new Error('not initialised');
      await ready;
      const t0 = performance.now();
      result = run(method, args || []);
      const ms = performance.now() - t0;
      // The engine's own time (for the latency benchmark: the round trip less the hops).
      // (at: when it started, on the clock every thread shares: timeOrigin + now.)
      self.postMessage({ id, result, ms: Math.round(ms * 100) / 100, at: performance.timeOrigin + t0 });
      if (method === 'analyze') warm.after(String(args[0] ?? ''), ms);
      return;
    }
    self.postMessage({ id, result });
  } catch (e) {
    self.postMessage({ id, error: (e && e.name) || 'Error' });
  }
};
