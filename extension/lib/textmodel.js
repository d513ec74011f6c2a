// Text of a contenteditable editor and the map between its UTF-16 offsets and DOM positions.
// One model per editing root (not per block), built by one walk: text nodes give their data,
// block elements are separated by one "\n", a <br> is "\n" unless it is the filler at the end
// of a block. Offsets therefore match what the engine was given, so a span maps straight back
// to a DOM Range (for highlights) and a selection (for inserting a suggestion).

const BLOCK = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE',
  'TABLE', 'TBODY', 'THEAD', 'TR', 'TD', 'TH', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'FIGURE', 'FIGCAPTION',
  'DL', 'DT', 'DD', 'HR', 'ADDRESS', 'MAIN', 'NAV', 'ASIDE', 'DETAILS', 'SUMMARY']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'BUTTON', 'IMG', 'SVG', 'CANVAS']);

const isBlock = (el) => BLOCK.has(el.nodeName.toUpperCase());

function isFillerBr(br) {
  let n = br.nextSibling;
  while (n && n.nodeType === 3 && n.data === '') n = n.nextSibling;
  if (n) return false;
  const p = br.parentNode;
  return !!p && p.nodeType === 1 && (isBlock(p) || p.isContentEditable && !(p.parentNode && p.parentNode.isContentEditable));
}

/** Builds { text, segs } for an editing root. segs: [{node, start, end}] for text nodes, in order. */
export function buildTextModel(root) {
  let out = '';
  const segs = [];
  let needBreak = false;
  const breakBefore = () => {
    if (out.length && (needBreak || !out.endsWith('\n'))) out += '\n';
    needBreak = false;
  };
  const walk = (node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const data = c.data;
        if (!data) continue;
        // Source-formatting whitespace between blocks (e.g. "\n  " between <p>s) is not text.
        if (/^[ \t\r\n]*$/.test(data) && data.includes('\n') && getComputedWhiteSpace(c) === 'normal') continue;
        if (needBreak) breakBefore();
        segs.push({ node: c, start: out.length, end: out.length + data.length });
        out += data;
      } else if (c.nodeType === 1) {
        const name = c.nodeName.toUpperCase();
        if (SKIP.has(name)) continue;
        if (name === 'BR') {
          if (needBreak) breakBefore();
          if (!isFillerBr(c)) out += '\n';
          continue;
        }
        if (isBlock(c)) {
          breakBefore();
          walk(c);
          needBreak = true;
        } else {
          walk(c);
        }
      }
    }
  };
  walk(root);
  return { text: out, segs };
}

/**
 * The model after `records` (the editing root's MutationObserver records), without a walk of
 * the document, when they only changed the data of text nodes the model holds in ways that
 * cannot change what separates them (no node empty or only whitespace with a line break, none
 * ending in a line break, before or after): the same model, its text and the offsets after each
 * changed node updated. Else null: build it again. (A keystroke in a 1 MB note walked the whole
 * note, a 40 ms task per key, issue 23.)
 */
export function updateTextModel(model, records) {
  if (!records.length) return null;
  model.index ??= new Map(model.segs.map((s) => [s.node, s]));
  const changed = new Set();
  for (const r of records) {
    const s = r.type === 'characterData' && model.index.get(r.target);
    if (!s) return null;
    changed.add(s);
  }
  const edits = [...changed].sort((a, b) => a.start - b.start);
  let text = '';
  let at = 0;
  for (const s of edits) {
    const old = model.text.slice(s.start, s.end);
    const data = s.node.data;
    if (!data || old.endsWith('\n') || data.endsWith('\n') || (/^[ \t\r\n]*$/.test(data) && data.includes('\n'))) return null;
    text += model.text.slice(at, s.start) + data;
    at = s.end;
  }
  text += model.text.slice(at);
  let delta = 0;
  for (const s of model.segs) {
    const grow = changed.has(s) ? s.node.data.length - (s.end - s.start) : 0;
    s.start += delta;
    delta += grow;
    s.end += delta;
  }
  model.text = text;
  return model;
}

function getComputedWhiteSpace(textNode) {
  const p = textNode.parentElement;
  if (!p) return 'normal';
  const ws = p.ownerDocument.defaultView.getComputedStyle(p).whiteSpace;
  return ws.startsWith('pre') || ws === 'break-spaces' ? 'pre' : 'normal';
}

/** Index of the first segment whose end >= offset (binary search). */
function segIndex(segs, offset) {
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid].end < offset) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * DOM position of a text offset. `affinity` 'forward' prefers the start of the next text node
 * when the offset sits on a boundary (range starts), 'backward' the end of the previous one.
 */
export function positionAt(model, offset, affinity = 'forward') {
  const { segs } = model;
  if (!segs.length) return null;
  let i = segIndex(segs, offset);
  let s = segs[i];
  if (offset > s.end) return { node: s.node, offset: s.node.data.length };
  if (offset < s.start) {
    // In a separator before segment i.
    if (affinity === 'backward' && i > 0) { s = segs[i - 1]; return { node: s.node, offset: s.node.data.length }; }
    return { node: s.node, offset: 0 };
  }
  if (offset === s.end && affinity === 'forward' && i + 1 < segs.length && segs[i + 1].start === offset) {
    s = segs[i + 1];
  }
  return { node: s.node, offset: offset - s.start };
}

/** DOM point under client coordinates (x, y) of the root's document, or null. */
export function pointAt(doc, x, y) {
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = doc.caretRangeFromPoint && doc.caretRangeFromPoint(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

/** A DOM Range for [start, end) (UTF-16 offsets); null if the model has no text. */
export function rangeFor(model, start, end, doc) {
  const a = positionAt(model, start, start === end ? 'backward' : 'forward');
  const b = positionAt(model, end, 'backward');
  if (!a || !b) return null;
  const r = doc.createRange();
  r.setStart(a.node, a.offset);
  r.setEnd(b.node, b.offset);
  if (r.collapsed && start !== end) return null;
  return r;
}

/** Text offset of a DOM point inside the root (for the caret); -1 if outside the model. */
export function offsetOf(model, root, node, offset) {
  if (node.nodeType === 3) {
    model.index ??= new Map(model.segs.map((s) => [s.node, s]));
    const s = model.index.get(node);
    if (s) return s.start + Math.min(offset, s.end - s.start);
  }
  // Element position: find the first text segment at or after the point.
  const doc = root.ownerDocument;
  const probe = doc.createRange();
  try { probe.setStart(node, offset); } catch { return -1; }
  for (const s of model.segs) {
    if (probe.comparePoint(s.node, 0) >= 0) return s.start;
  }
  return model.text.length;
}
