// Unit tests of the draft view (extension/lib/draftview.js, shared by the panel and the
// playground) with a minimal document: how it says a measure pair and the trend (issue 21).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factLine, trendOf, renderDraftView } from '../../../extension/lib/draftview.js';

/** Just enough of a DOM document for the view: elements with children, text and attributes. */
function fakeDoc() {
  const node = (tag) => ({
    tag, children: [], attrs: {}, dataset: {}, className: '', title: '',
    append(...c) { this.children.push(...c); },
    setAttribute(k, v) { this.attrs[k] = v; },
    addEventListener() {},
    set textContent(t) { this.children = [{ text: t }]; },
    get textContent() { return this.children.map((c) => c.text ?? c.textContent).join(''); },
  });
  return { createElement: node, createTextNode: (text) => ({ text, textContent: text }) };
}

const all = (n, pred, out = []) => {
  if (pred(n)) out.push(n);
  for (const c of n.children || []) all(c, pred, out);
  return out;
};

// The engine's draft of tests/fixtures/drafts/daily_unnamed_pairs.txt (measures with no known
// better direction) and a named measure.
const unnamed = {
  text: 'Tandem stance on foam increased from 9 s (last visit) to 22 s.',
  trend: 'unknown',
  kind: 'daily',
  facts: [
    { measure: '', written: 'Tandem stance on foam', baseline: '9 s', baseline_when: 'last visit', current: '22 s', direction: 'higher' },
    { measure: '', written: 'Forward reach', baseline: '8 in', baseline_when: '', current: '5 in', direction: 'lower' },
  ],
  current: [],
};

test('a pair of no known better direction reads "increased" / "decreased", never the raw "higher" / "lower"', () => {
  assert.equal(factLine(unnamed.facts[0]), '9 s (last visit) \u2192 22 s: increased');
  assert.equal(factLine(unnamed.facts[1]), '8 in \u2192 5 in: decreased');
  assert.equal(factLine({ baseline: '36/56', baseline_when: 'eval', current: '41/56', direction: 'improved' }), '36/56 (eval) \u2192 41/56: improved');
  const box = renderDraftView(fakeDoc(), unnamed);
  const facts = all(box, (n) => /\bsm-fact\b/.test(n.className));
  assert.equal(facts.length, 2);
  for (const li of facts) {
    assert.doesNotMatch(li.textContent, /\b(higher|lower)\b/, li.textContent);
    assert.match(li.title, /yours to judge/);
  }
  assert.equal(facts[0].textContent, 'Tandem stance on foam 9 s (last visit) \u2192 22 s: increased');
});

test('the trend badge says changes are stated when the only pairs have no known better direction', () => {
  assert.equal(trendOf(unnamed).name, 'Change stated');
  assert.equal(trendOf(unnamed).key, 'unknown');
  assert.equal(trendOf({ ...unnamed, facts: [] }).name, 'No measure pair');
  assert.equal(trendOf({ trend: 'progress', facts: [] }).name, 'Progress');
  const badge = all(renderDraftView(fakeDoc(), unnamed), (n) => /\bsm-trend\b/.test(n.className))[0];
  assert.equal(badge.textContent, 'Change stated');
  assert.match(badge.className, /sm-trend-unknown/);
});
