// The editable's text model updated from MutationObserver records (extension/lib/textmodel.js
// updateTextModel, issue 23): a keystroke no longer walks the whole note. Whatever the edits, the
// update is either exactly the model a full walk builds, or null (the caller builds it again).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTextModel, updateTextModel } from '../../../extension/lib/textmodel.js';

// A minimal DOM: what buildTextModel reads (children, names, data, computed white-space).
const win = { getComputedStyle: (el) => ({ whiteSpace: el.pre ? 'pre-wrap' : 'normal' }) };
const doc = { defaultView: win };
function el(name, ...kids) {
  const e = { nodeType: 1, nodeName: name.toUpperCase(), ownerDocument: doc, kids: [], isContentEditable: true, pre: false };
  kids.forEach((k) => append(e, k));
  return e;
}
function txt(data) { return { nodeType: 3, nodeName: '#text', data, ownerDocument: doc }; }
function append(p, c) {
  c.parentNode = p;
  c.parentElement = p;
  p.kids.push(c);
  Object.defineProperty(p, 'firstChild', { get: () => p.kids[0] || null, configurable: true });
  for (const k of p.kids) Object.defineProperty(k, 'nextSibling', { get: () => p.kids[p.kids.indexOf(k) + 1] || null, configurable: true });
}
const plain = (m) => ({ text: m.text, segs: m.segs.map((s) => [s.node.data, s.start, s.end]) });

/** A note of paragraphs with bold runs, line breaks and source-formatting whitespace. */
function note() {
  const root = el('div');
  root.parentNode = null;
  const texts = [];
  for (let i = 0; i < 12; i++) {
    const a = txt(`Paragraph ${i} balance training`);
    const b = txt(i % 3 ? ' with min assist' : 'x');
    // (Text followed by a block in one element: the line break before the block depends on
    // whether the text ends with one.)
    const p = i % 4 === 3 ? el('p', a, el('br'), b) : i % 4 === 1 ? el('div', a, el('p', b)) : el('p', a, el('b', b));
    append(root, p);
    append(root, txt('\n  '));
    texts.push(a, b);
  }
  return { root, texts };
}

const EDITS = ['', 'a', ' ', '\n', 'x\n', '\n\n  ', 'tandem stance', 'end\n', '\u00a0', 'z'];

test('typing in text nodes: the update is the full build', () => {
  const { root, texts } = note();
  const model = buildTextModel(root);
  let updated = 0;
  for (let i = 0; i < 400; i++) {
    const t = texts[(i * 7) % texts.length];
    const at = (i * 13) % (t.data.length + 1);
    t.data = t.data.slice(0, at) + 'abcdefg'[i % 7] + t.data.slice(at);
    const m = updateTextModel(model, [{ type: 'characterData', target: t }]);
    assert.ok(m, 'a letter typed in a word is an update');
    updated++;
    assert.deepEqual(plain(m), plain(buildTextModel(root)));
  }
  assert.equal(updated, 400);
});

test('any edit of text node data: the full build, or null', () => {
  const { root, texts } = note();
  let model = buildTextModel(root);
  let nulls = 0;
  for (let i = 0; i < 600; i++) {
    const changed = [texts[(i * 5) % texts.length], texts[(i * 11 + 3) % texts.length]].slice(0, 1 + (i % 2));
    for (const [j, t] of changed.entries()) {
      // Each edit replaces the node's text, goes inside it, or at its end.
      const e = EDITS[(i + j * 3) % EDITS.length];
      const mode = Math.floor(i / EDITS.length) % 3;
      t.data = mode === 0 ? e : mode === 1 ? t.data.slice(0, 3) + e + t.data.slice(3) : t.data + e;
    }
    const m = updateTextModel(model, changed.map((t) => ({ type: 'characterData', target: t })));
    const full = buildTextModel(root);
    if (m) assert.deepEqual(plain(m), plain(full), `edit ${i}`);
    else nulls++;
    model = m || full;
  }
  assert.ok(nulls > 0 && nulls < 600, `some edits need the full build (${nulls})`);
});

test('a node added, or a text node the model does not hold, is a full build', () => {
  const { root, texts } = note();
  const model = buildTextModel(root);
  assert.equal(updateTextModel(model, [{ type: 'childList', target: root }]), null);
  assert.equal(updateTextModel(model, [{ type: 'characterData', target: root.kids[1] }]), null, 'source whitespace');
  assert.equal(updateTextModel(model, [{ type: 'characterData', target: txt('detached') }]), null);
  assert.equal(updateTextModel(model, []), null);
  assert.ok(updateTextModel(model, [{ type: 'characterData', target: texts[0] }]), 'an unchanged node: nothing to do');
});
