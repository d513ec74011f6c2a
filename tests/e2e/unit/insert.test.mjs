// Unit tests of the verified write (extension/lib/insert.js) against a fake field whose editor
// writes the way rich editors and Chrome's contenteditable do: a run of spaces is kept with a
// no-break space. The text reads the same to the user, so the write stands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifiedInsert, refusalStatus } from '../../../extension/lib/insert.js';

/** A field whose insertText keeps runs of spaces as " \u00a0" (what Chrome writes in a
 * contenteditable with white-space: normal); `undo` puts the text back. */
function fakeField(text, { accept = true } = {}) {
  let value = text;
  let sel = [0, 0];
  const history = [];
  const doc = {
    defaultView: { requestAnimationFrame: (f) => setTimeout(f, 0) },
    execCommand(cmd, _ui, data) {
      if (cmd === 'undo') { if (history.length) value = history.pop(); return true; }
      if (cmd !== 'insertText' || !accept) return false;
      history.push(value);
      value = (value.slice(0, sel[0]) + data + value.slice(sel[1])).replace(/ {2}/g, ' \u00a0');
      return true;
    },
  };
  return {
    doc,
    focus() {},
    read: () => value,
    select: (s, e) => { sel = [s, e]; return null; },
    eventTarget: () => ({ dispatchEvent: () => true }),
  };
}

test('a removal that leaves two spaces, written back with a no-break space, stands', async () => {
  const field = fakeField('97112 x [units] units');
  const res = await verifiedInsert(field, { start: 8, end: 15, text: '' });
  assert.equal(res.ok, true);
  assert.equal(field.read(), '97112 x \u00a0units');
});

test('a write that changed other characters is undone', async () => {
  const field = fakeField('97112 x [units] units');
  field.doc.execCommand = ((exec) => (cmd, ui, data) => exec(cmd, ui, cmd === 'insertText' ? `${data}!` : data))(field.doc.execCommand.bind(field.doc));
  const res = await verifiedInsert(field, { start: 8, end: 15, text: '' });
  assert.equal(res.ok, false);
  assert.equal(res.restored, true);
  assert.equal(field.read(), '97112 x [units] units');
});

test('a refused removal never names the clipboard; a refused insert names it only when copied', async () => {
  const refused = { ok: false, reason: 'mismatch', restored: true };
  const removal = await refusalStatus(refused, '');
  assert.match(removal, /did not take the change; the note is as it was\. Select the marked words and delete them\./);
  assert.doesNotMatch(removal, /clipboard/);
  // No Clipboard API and no scratch element here: the copy fails, so no claim either.
  const insert = await refusalStatus(refused, 'with tactile cues');
  assert.doesNotMatch(insert, /clipboard/);
  assert.match(await refusalStatus({ ok: false, reason: 'stale' }, ''), /^The note changed; this suggestion no longer fits\.$/);
});
