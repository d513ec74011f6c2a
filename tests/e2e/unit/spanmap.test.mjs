// The edited region between two texts (extension/lib/spanmap.js diffRegion), found a chunk at a
// time (issue 23): the same region as a character-by-character scan, whatever the edit and
// wherever it falls against the chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffRegion } from '../../../extension/lib/spanmap.js';

/** The reference: one character at a time from each end. */
function naive(a, b) {
  if (a === b) return null;
  const max = Math.min(a.length, b.length);
  let s = 0;
  while (s < max && a[s] === b[s]) s++;
  let oe = a.length;
  let ne = b.length;
  while (oe > s && ne > s && a[oe - 1] === b[ne - 1]) { oe--; ne--; }
  return { start: s, oldEnd: oe, newEnd: ne, delta: ne - oe };
}

test('the region is the character-by-character one, for edits anywhere', () => {
  let seed = 7;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  // Repetitive text: a chunk at the edit can match elsewhere, and the ends overlap.
  const base = 'pt performed tandem stance with min assist. '.repeat(120);
  for (let i = 0; i < 3000; i++) {
    const len = [0, 1, 511, 512, 513, 1024, base.length][i % 7];
    const a = base.slice(0, len || rnd(base.length));
    const at = [0, a.length, 512, 511, 513, rnd(a.length + 1)][i % 6] % (a.length + 1);
    const cut = rnd(4) === 0 ? rnd(1100) : rnd(3);
    const ins = ['', 'x', ' ', 'a'.repeat(rnd(700)), 'pt performed '][rnd(5)];
    const b = a.slice(0, at) + ins + a.slice(Math.min(a.length, at + cut));
    assert.deepEqual(diffRegion(a, b), naive(a, b), `edit ${i}: at ${at}, cut ${cut}, ${ins.length} typed, ${a.length} long`);
  }
});

test('a keystroke in a 1 MB text is found at once', () => {
  const a = 'balance '.repeat(131072);
  const b = `${a.slice(0, 600000)}x${a.slice(600000)}`;
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) assert.deepEqual(diffRegion(a, b), { start: 600000, oldEnd: 600000, newEnd: 600001, delta: 1 });
  assert.ok((performance.now() - t0) / 20 < 2, 'under 2 ms a call (a character at a time: ~7 ms)');
});
