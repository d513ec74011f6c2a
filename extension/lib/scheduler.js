// When the engine runs while the user types (issue 23: fresh marks within 50 ms of a keystroke).
// At most one analysis is in flight; a request made meanwhile waits in one slot, a newer request
// replaces it, and the text is read only when its analysis starts: the latest text always wins
// and an older result never lands after a newer one (cf. Harper #3908). There is no typing
// debounce: an edit's analysis is sent to the engine at once, unless the previous one ended
// less than `ratio` x the time an analysis of this text is expected to take ago (at most
// `maxGap` ms), so the engine's worker is busy at most 1 / (1 + ratio) of the time while keys
// keep coming, whatever the note's size. The expected time is the note's length times the
// median time per character of the last few analyses (one slow run, a busy machine's stall,
// does not hold the next ones back). The analysis is sent from the task of the edit itself
// (the extension's engine is in a worker: posting the text costs microseconds); an engine on the
// page's own thread (the playground) passes `sameTask: false`, so the keystroke is drawn first.

const SAMPLES = 5;

export function createAnalysisQueue(run, { ratio = 1, maxGap = 120, sameTask = true } = {}) {
  let timer = 0;
  let pending = null; // { getText, deliver, fail, immediate }
  let running = false;
  let endedAt = -Infinity; // when the last analysis ended (performance.now())
  let analyses = 0;
  const perChar = []; // ms per character of the last SAMPLES analyses

  /** The pause owed after the last analysis before one of `length` characters starts. */
  function gap(length) {
    if (!perChar.length) return 0;
    const sorted = [...perChar].sort((a, b) => a - b);
    return Math.min(maxGap, ratio * sorted[(sorted.length - 1) >> 1] * length);
  }

  function schedule() {
    if (running || !pending || timer) return;
    const wait = pending.immediate ? 0 : endedAt + gap(pending.getText().length) - performance.now();
    if (wait <= 0 && sameTask) pump();
    else timer = setTimeout(() => { timer = 0; pump(); }, Math.max(0, wait));
  }

  async function pump() {
    if (running || !pending) return;
    const job = pending;
    pending = null;
    running = true;
    const text = job.getText();
    const t0 = performance.now();
    try {
      const result = await run(text);
      endedAt = performance.now();
      // (The first analysis may include starting the engine: not a sample.)
      if (analyses++) perChar.push((endedAt - t0) / Math.max(1, text.length));
      if (perChar.length > SAMPLES) perChar.shift();
      // A newer request is waiting: this result is still delivered (the newest *completed*
      // one; the caller shifts it across the edits since), flagged, and the newer one follows.
      job.deliver(result, text, !pending);
    } catch (e) {
      endedAt = -Infinity;
      job.fail(e);
    } finally {
      running = false;
      schedule();
    }
  }

  return {
    /** Ask for an analysis of getText(); deliver(result, text, isLatest). `immediate` skips the
     * pause after the previous analysis (a field shown, the checking switched back on). */
    request(getText, deliver, fail = () => {}, { immediate = false } = {}) {
      pending = { getText, deliver, fail, immediate: immediate || !!pending?.immediate };
      if (immediate) { clearTimeout(timer); timer = 0; }
      schedule();
    },
    cancel() { clearTimeout(timer); timer = 0; pending = null; },
    get busy() { return running || !!pending; },
  };
}
