// Warming the engine up (issue 23). V8 runs each wasm function first as baseline code and
// optimises it only once it has run enough, in the background: a worker's first analyses take
// two to three times as long (a 10,000-character note: ~30 ms rather than ~10 ms), so the first
// keystrokes' marks came late. After each of the first analyses, while no request waits, the
// engine's worker analyses the same text again (nothing is sent back), up to `runs` times or
// `budgetMs` of engine time in all, so the optimised code is in place by the time the therapist
// types. A long note (one analysis over budgetMs / 4) is not re-run: its own analyses are long
// enough to optimise the engine, and a re-run would hold up the next request. The text is
// dropped once the warm-up is over. No chrome.* and no DOM here (extension/engine-worker.js).

/**
 * `run(text)` analyses a text. Returns `after(text, ms)`, to call after each analysis the worker
 * answered (`ms`: its time), which schedules the next warm-up run with `defer` (a task of its
 * own, so a request that arrived meanwhile goes first); `state()` says how far it got.
 */
export function createWarmUp(run, { runs = 12, budgetMs = 400, clock = () => performance.now(), defer = (f) => setTimeout(f, 0) } = {}) {
  let done = 0;
  let spent = 0;
  let text = null;
  let queued = false;
  const over = () => done >= runs || spent >= budgetMs;

  function after(t, ms) {
    if (over() || ms > budgetMs / 4) { done = runs; text = null; return; }
    text = t;
    if (!queued) { queued = true; defer(step); }
  }

  function step() {
    queued = false;
    if (text == null || over()) { text = null; return; }
    const t = text;
    const t0 = clock();
    try { run(t); } catch { done = runs; text = null; return; }
    const ms = clock() - t0;
    spent += ms;
    done++;
    after(t, ms);
  }

  return { after, state: () => ({ runs: done, ms: spent, holdsText: text != null }) };
}
