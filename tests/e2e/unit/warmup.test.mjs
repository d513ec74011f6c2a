// The engine worker's warm-up (extension/lib/warmup.js, issue 23): the first analyses are run
// again while the worker is idle, within a count and a time budget, never for a long note, each
// in a task of its own, and the text is dropped once it is over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWarmUp } from '../../../extension/lib/warmup.js';

/** A warm-up over a fake engine taking `cost(text)` ms on a fake clock; tasks run by flush(). */
function setup(cost, opts = {}) {
  let now = 0;
  const ran = [];
  const tasks = [];
  const w = createWarmUp((t) => { ran.push(t); now += cost(t); }, { ...opts, clock: () => now, defer: (f) => tasks.push(f) });
  const flush = () => { while (tasks.length) tasks.shift()(); };
  return { w, ran, tasks, flush };
}

test('after an analysis the same text is analysed again, up to the count', () => {
  const { w, ran, tasks, flush } = setup(() => 5, { runs: 4, budgetMs: 1000 });
  w.after('note', 5);
  assert.equal(ran.length, 0, 'not in the task that answered the request');
  assert.equal(tasks.length, 1);
  flush();
  assert.deepEqual(ran, ['note', 'note', 'note', 'note']);
  assert.deepEqual(w.state(), { runs: 4, ms: 20, holdsText: false });
  w.after('note again', 5);
  flush();
  assert.equal(ran.length, 4, 'over: later analyses are not re-run');
});

test('the time budget ends it', () => {
  const { w, ran, flush } = setup(() => 20, { runs: 100, budgetMs: 100 });
  w.after('note', 20);
  flush();
  assert.equal(ran.length, 5, '5 x 20 ms: the run that reaches 100 ms is the last');
  assert.equal(w.state().holdsText, false);
});

test('a long note is not re-run', () => {
  const { w, ran, tasks } = setup(() => 150, { runs: 12, budgetMs: 400 });
  w.after('long note', 150);
  assert.equal(tasks.length, 0);
  assert.equal(ran.length, 0);
  assert.deepEqual(w.state(), { runs: 12, ms: 0, holdsText: false });
});

test('one run per task; the newest text is the one re-run', () => {
  const { w, ran, tasks } = setup(() => 5, { runs: 12, budgetMs: 400 });
  w.after('a', 5);
  w.after('ab', 5);
  assert.equal(tasks.length, 1, 'one task queued, not one per request');
  tasks.shift()();
  assert.deepEqual(ran, ['ab']);
  assert.equal(tasks.length, 1, 'the next run is another task: a waiting request goes first');
});

test('an engine error ends the warm-up', () => {
  let n = 0;
  const tasks = [];
  const w = createWarmUp(() => { n++; throw new Error('trap'); }, { defer: (f) => tasks.push(f) });
  w.after('note', 5);
  tasks.shift()();
  assert.equal(n, 1);
  assert.equal(tasks.length, 0);
  assert.equal(w.state().holdsText, false);
});
