// The analysis scheduler (extension/lib/scheduler.js): no typing debounce, one analysis in
// flight, the latest text wins, and a pause after each analysis as long as the analysis took.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalysisQueue } from '../../../extension/lib/scheduler.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A fake engine taking `ms` per call; `log` gets {text, start, end}. */
function fakeEngine(ms, log) {
  let inFlight = 0;
  return async (text) => {
    inFlight++;
    assert.equal(inFlight, 1, 'never two analyses in flight');
    const e = { text, start: performance.now() };
    log.push(e);
    await sleep(typeof ms === 'function' ? ms(text) : ms);
    e.end = performance.now();
    inFlight--;
    return `report of ${text}`;
  };
}

test('an edit is sent to the engine at once, not after a typing debounce', async () => {
  const log = [];
  const q = createAnalysisQueue(fakeEngine(2, log));
  const done = new Promise((resolve) => q.request(() => 'a', (r, text, latest) => resolve({ r, text, latest })));
  assert.deepEqual(log.map((e) => e.text), ['a'], 'the engine has the text before request() returns');
  assert.deepEqual(await done, { r: 'report of a', text: 'a', latest: true });

  // An engine on the page's own thread (sameTask: false): in a task of its own, right after.
  const log2 = [];
  const q2 = createAnalysisQueue(fakeEngine(2, log2), { sameTask: false });
  const t0 = performance.now();
  const done2 = new Promise((resolve) => q2.request(() => 'b', resolve));
  assert.equal(log2.length, 0, 'not inside the edit\'s own task');
  await done2;
  assert.ok(log2[0].start - t0 < 80, `started ${log2[0].start - t0} ms after the request (the old debounce: 120 ms)`);
});

test('edits during an analysis: one follows, of the latest text; the older result comes first, flagged', async () => {
  const log = [];
  const delivered = [];
  let text = 'a';
  const q = createAnalysisQueue(fakeEngine(30, log), { ratio: 0 });
  const deliver = (r, t, latest) => delivered.push({ r, t, latest });
  q.request(() => text, deliver);
  await sleep(10); // 'a' is running
  for (const t of ['ab', 'abc', 'abcd']) { text = t; q.request(() => text, deliver); await sleep(2); }
  assert.ok(q.busy);
  while (q.busy) await sleep(5);
  assert.deepEqual(log.map((e) => e.text), ['a', 'abcd']);
  assert.deepEqual(delivered, [{ r: 'report of a', t: 'a', latest: false }, { r: 'report of abcd', t: 'abcd', latest: true }]);
});

test('the next analysis waits as long as one of its length is expected to take (ratio 1), at most maxGap', async () => {
  // The fake engine takes 1 ms per character; the first analysis (an engine's start-up) is no sample.
  for (const [maxGap, lengths, want] of [[120, [20, 20, 40], 40], [120, [20, 20, 10], 10], [25, [20, 20, 60], 25]]) {
    const log = [];
    const q = createAnalysisQueue(fakeEngine((t) => t.length, log), { ratio: 1, maxGap });
    for (const n of lengths) await new Promise((resolve) => q.request(() => 'a'.repeat(n), resolve));
    const gap = log[2].start - log[1].end;
    assert.ok(gap >= want - 3, `gap ${gap} ms before ${lengths[2]} characters (want ${want})`);
    assert.ok(gap < want + 40, `gap ${gap} ms (want about ${want})`);
  }
});

test('one slow analysis (a stall) does not hold the next ones back', async () => {
  const log = [];
  let slow = false;
  const q = createAnalysisQueue(fakeEngine(() => (slow ? 100 : 5), log), { ratio: 1, maxGap: 120 });
  for (let i = 0; i < 4; i++) await new Promise((resolve) => q.request(() => `t${i}`, resolve));
  slow = true;
  await new Promise((resolve) => q.request(() => 'stall', resolve));
  slow = false;
  await new Promise((resolve) => q.request(() => 'next', resolve));
  const gap = log[5].start - log[4].end;
  assert.ok(gap < 50, `waited ${gap} ms after a 100 ms stall (the usual run is 5 ms)`);
});

test('immediate skips the pause; cancel drops what waits; a failure is told and the queue goes on', async () => {
  const log = [];
  // 40 ms per character ('slow' x2: the first is no sample): 160 ms owed after each.
  const q = createAnalysisQueue(fakeEngine((t) => (t.startsWith('slow') ? 160 : 1), log), { ratio: 1, maxGap: 200 });
  await new Promise((resolve) => q.request(() => 'slow', resolve));
  await new Promise((resolve) => q.request(() => 'slow', resolve));
  const waits = new Promise((resolve) => q.request(() => 'wait', resolve));
  assert.equal(log.length, 2, 'an ordinary request waits out the pause');
  const now = new Promise((resolve) => q.request(() => 'now', resolve, undefined, { immediate: true }));
  assert.equal(log.length, 3, 'immediate starts at once, without the pause');
  assert.equal(log[2].text, 'now');
  await Promise.race([waits, now]);

  // Asked while an analysis runs: immediate right after it, even if an edit replaced it since.
  const running = new Promise((resolve) => q.request(() => 'slow', resolve, undefined, { immediate: true }));
  q.request(() => 'after', () => {}, undefined, { immediate: true });
  q.request(() => 'latest', () => {});
  await running;
  assert.equal(log.length, 5, 'the next one started as the running one ended');
  assert.equal(log[4].text, 'latest');
  while (q.busy) await sleep(5);

  // Cancelled while it waits for the running one: never runs.
  const last = new Promise((resolve) => q.request(() => 'slow', resolve, undefined, { immediate: true }));
  q.request(() => 'dropped', () => assert.fail('cancelled'));
  q.cancel();
  await last;
  await sleep(20);
  assert.deepEqual(log.slice(5).map((e) => e.text), ['slow']);
  assert.ok(!q.busy);

  const failing = createAnalysisQueue(async (t) => { if (t === 'bad') throw new Error('boom'); return t; });
  const err = await new Promise((resolve) => failing.request(() => 'bad', () => {}, resolve));
  assert.equal(err.message, 'boom');
  assert.equal(await new Promise((resolve) => failing.request(() => 'good', resolve)), 'good');
});
