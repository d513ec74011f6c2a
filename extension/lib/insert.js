// Writing a suggestion into the note through the browser's own editing path, then checking it.
//
// 1. select the span, 2. document.execCommand('insertText') — the path a keystroke or paste
// takes, so the browser's (or the editor's) undo stack records it and React/ProseMirror/Quill/
// CKEditor see ordinary input events; if the command is refused, a cancelable `beforeinput`
// (insertReplacementText with a target range) lets a model editor apply it itself,
// (an editor that splits a multi-line `insertText` into one undo step per line gets a `paste`
// of the same text instead, which it records as one step: see QUIRKS),
// 3. read the field back: if its text is not exactly old text with the span replaced, undo what
// happened and hand the suggestion to the clipboard instead. The page's DOM is never rewritten
// directly (innerHTML/value/textContent), which is what corrupted notes in other checkers.
//
// `target` abstracts the field: { doc, focus(), read() -> string, select(start, end) -> Range|null }.

// A rich editor (and Chrome's contenteditable) keeps a run of spaces with no-break spaces: the
// text reads the same, so a write that differs from the expected text only there stands.
const nbsp = /\u00a0/g;
const sameText = (a, b) => a === b || (a.length === b.length && a.replace(nbsp, ' ') === b.replace(nbsp, ' '));

const nextFrame = (win) => new Promise((r) => win.requestAnimationFrame(() => setTimeout(r, 0)));

export async function verifiedInsert(target, { start, end, text }) {
  const before = target.read();
  if (start < 0 || end > before.length || start > end) return { ok: false, reason: 'stale', before };
  const expected = before.slice(0, start) + text + before.slice(end);
  const { doc } = target;
  const win = doc.defaultView;
  target.focus();
  target.select(start, end);
  // Model editors (CKEditor 5, ProseMirror) copy the DOM selection into their model on
  // `selectionchange`, which is dispatched as a task: let it run before inserting.
  await nextFrame(win);
  if (target.read() !== before) return { ok: false, reason: 'stale', before };
  const range = target.select(start, end);
  let via = 'execCommand';
  // One Insert is one undo step: an editor that splits multi-line typing into steps is pasted to
  // (as HTML paragraphs, or as plain text where the quirk says 'text').
  if (range && target.multiLinePaste && text.includes('\n')) {
    const data = new win.DataTransfer();
    const html = target.multiLinePaste === 'text' ? null : linesToHtml(text);
    data.setData('text/plain', text);
    if (html) data.setData('text/html', html);
    // Firefox's ClipboardEvent takes no clipboardData from its constructor, only one type as
    // (non-standard) dataType/data, which other browsers ignore: the HTML, as editors prefer it.
    const ev = new win.ClipboardEvent('paste', { clipboardData: data, dataType: html ? 'text/html' : 'text/plain', data: html ?? text,
      bubbles: true, cancelable: true, composed: true });
    target.eventTarget().dispatchEvent(ev);
    if (ev.defaultPrevented) via = 'paste';
  }
  // A model editor that implements Input Events (CKEditor 5, Quill 2, Slate, Lexical) takes a
  // cancelable beforeinput and applies it to its own model (and undo stack); the DOM is only
  // touched by execCommand when nobody handled it.
  if (via === 'execCommand' && range && target.beforeInputFirst) {
    const data = new win.DataTransfer();
    data.setData('text/plain', text);
    const ev = new win.InputEvent('beforeinput', {
      inputType: start === end ? 'insertText' : 'insertReplacementText', data: text, dataTransfer: data,
      bubbles: true, cancelable: true, composed: true,
      targetRanges: [new win.StaticRange({ startContainer: range.startContainer, startOffset: range.startOffset,
        endContainer: range.endContainer, endOffset: range.endOffset })],
    });
    target.eventTarget().dispatchEvent(ev);
    if (ev.defaultPrevented) via = 'beforeinput';
  }
  if (via === 'execCommand') {
    try { doc.execCommand('insertText', false, text); } catch { /* verified below */ }
  }
  // Read back at once (a user typing in the next frame must not be mistaken for a bad write),
  // then once more after the editor's own asynchronous re-render if needed.
  let after = target.read();
  if (!sameText(after, expected)) {
    await Promise.resolve();
    await nextFrame(win);
    after = target.read();
  }
  if (sameText(after, expected)) {
    target.afterWrite?.();
    target.select(start + text.length, start + text.length);
    return { ok: true, before, after, via };
  }
  // Not what we meant: put the note back.
  let restored = after === before;
  const undoSteps = [
    () => doc.execCommand('undo'),
    () => target.eventTarget().dispatchEvent(new win.InputEvent('beforeinput', { inputType: 'historyUndo', bubbles: true, cancelable: true })),
    () => target.eventTarget().dispatchEvent(new win.KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', keyCode: 90, ctrlKey: true, bubbles: true, cancelable: true })),
  ];
  if (via === 'beforeinput') undoSteps.reverse();
  for (const step of undoSteps) {
    if (restored) break;
    try { step(); } catch { /* next */ }
    await nextFrame(win);
    after = target.read();
    restored = after === before;
  }
  return { ok: false, reason: 'mismatch', restored, before, via };
}

/**
 * What to tell the user after a write the field refused (`res` from verifiedInsert), having put
 * `text` on the clipboard when there is text: a removal (empty `text`) has nothing to copy, so
 * it asks for the marked words to be deleted by hand, and no message names the clipboard unless
 * the copy succeeded. `what`: 'suggestion' or 'draft'.
 */
export async function refusalStatus(res, text, { what = 'suggestion', scratch } = {}) {
  const why = res.reason === 'stale'
    ? `The note changed; this ${what} no longer fits.`
    : `This editor did not take the change${res.restored ? '; the note is as it was' : ''}.`;
  if (!text) return res.reason === 'stale' ? why : `${why} Select the marked words and delete them.`;
  const copied = await copyText(text, scratch);
  return copied ? `${why} The ${what} is on your clipboard: paste it where it belongs.` : why;
}

/** Copies text with the async Clipboard API, falling back to execCommand('copy') in `scratch`. */
export async function copyText(text, scratch) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!scratch) return false;
    const doc = scratch.ownerDocument;
    const ta = doc.createElement('textarea');
    ta.value = text;
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    scratch.append(ta);
    ta.select();
    let ok = false;
    try { ok = doc.execCommand('copy'); } catch { ok = false; }
    ta.remove();
    return ok;
  }
}

/** Edit target for a <textarea> (or text <input>). */
export function textareaTarget(field) {
  return {
    doc: field.ownerDocument,
    focus: () => field.focus({ preventScroll: true }),
    read: () => field.value,
    select: (s, e) => { field.setSelectionRange(s, e); return null; },
    eventTarget: () => field,
  };
}

/** Edit target for a contenteditable root, given its text model functions. */
export function editableTarget(root, { build, rangeFor }) {
  const doc = root.ownerDocument;
  return {
    doc,
    focus: () => root.focus({ preventScroll: true }),
    read: () => build(root).text,
    select: (s, e) => {
      const r = rangeFor(build(root), s, e, doc);
      if (!r) return null;
      const sel = doc.getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
      return r;
    },
    eventTarget: () => root,
    beforeInputFirst: true,
    afterWrite: () => editorQuirks(root).afterWrite?.(root),
    multiLinePaste: editorQuirks(root).multiLinePaste || false,
  };
}

/** Plain text as paragraphs of HTML, one per line; spaces an HTML reader would collapse are
 * kept with no-break spaces the way editors' own plain-text paste does. */
function linesToHtml(text) {
  const esc = (l) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/\t/g, '\u00a0\u00a0\u00a0\u00a0').replace(/^ /, '\u00a0').replace(/ $/, '\u00a0').replace(/ {2}/g, ' \u00a0');
  return text.split('\n').map((l) => `<p>${esc(l)}</p>`).join('');
}

/** Per-editor quirks, kept in one table, so that one Insert is one undo step in every editor. */
const QUIRKS = [
  // CKEditor 5 turns a multi-line insertText into one insertText and one Enter per line, each
  // its own undo step; its clipboard pipeline inserts a paste as one.
  { match: (root) => root.classList.contains('ck-editor__editable'), multiLinePaste: true },
  // Quill keeps no line break inside a paragraph: Firefox's insertText writes a '\n' as a <br>,
  // which Quill then drops; its paste makes the lines paragraphs, in one undo step.
  { match: (root) => root.classList.contains('ql-editor'), multiLinePaste: true },
  // ProseMirror (and TipTap) read a multi-line `insertText` back from the DOM, and in Firefox lose
  // its line breaks (spaces when it replaces the whole note, the first break of several). Its
  // plain-text paste makes each line a paragraph and keeps spaces as written (its HTML paste
  // would keep the no-break spaces), in one undo step.
  { match: (root) => root.classList.contains('ProseMirror'), multiLinePaste: 'text' },
  // TinyMCE keeps its own undo stack and records a level on paste, on spell-check replacement
  // and on a Ctrl key-up, but not on an `insertText` input; a Ctrl key-up after the write
  // closes the level so Ctrl+Z returns to the note as it was.
  { match: (root) => root.classList.contains('mce-content-body'),
    afterWrite: (root) => root.dispatchEvent(new root.ownerDocument.defaultView.KeyboardEvent('keyup',
      { key: 'Control', code: 'ControlLeft', keyCode: 17, ctrlKey: true, bubbles: true })) },
];
const editorQuirks = (root) => QUIRKS.find((q) => q.match(root)) || {};
