// Debounced, serialised analysis: at most one request in flight; while it runs, newer text
// replaces the queued one, so an older result never lands after a newer one (cf. Harper #3908).

export function createAnalysisQueue(run, { delay = 120, maxWait = 600 } = {}) {
  let timer = 0;
  let firstQueuedAt = 0;
  let pending = null; // { getText, resolve }
  let running = false;
  let generation = 0;

  async function pump() {
    if (running || !pending) return;
    const job = pending;
    pending = null;
    firstQueuedAt = 0;
    running = true;
    const gen = ++generation;
    const text = job.getText();
    try {
      const result = await run(text);
      // A newer request was queued meanwhile: this result is still delivered (it is the newest
      // *completed* one), but flagged, and the newer one follows.
      job.deliver(result, text, gen === generation && !pending);
    } catch (e) {
      job.fail(e);
    } finally {
      running = false;
      if (pending) pump();
    }
  }

  return {
    /** Ask for an analysis of getText() after the debounce; deliver(result, text, isLatest). */
    request(getText, deliver, fail = () => {}, { immediate = false } = {}) {
      pending = { getText, deliver, fail };
      const now = performance.now();
      if (!firstQueuedAt) firstQueuedAt = now;
      clearTimeout(timer);
      const wait = immediate ? 0 : Math.max(0, Math.min(delay, firstQueuedAt + maxWait - now));
      timer = setTimeout(pump, wait);
    },
    cancel() { clearTimeout(timer); pending = null; },
    get busy() { return running || !!pending; },
  };
}
