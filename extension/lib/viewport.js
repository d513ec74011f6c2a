// Where an element is on screen, in the top window's client coordinates: the offset of a
// same-origin frame's viewport, and the part of an element the user can actually see (its box
// clipped by every scrolling or clipping ancestor, across open shadow roots, and by the viewport
// of each frame it sits in). Marks and the badge are drawn only there. No chrome.* here.

/** Client-coordinate offset of a (same-origin, possibly nested) frame's viewport in `topWin`. */
export function frameOffset(doc, topWin) {
  let x = 0;
  let y = 0;
  let w = doc.defaultView;
  while (w && w !== topWin) {
    const fe = w.frameElement;
    if (!fe) break;
    const r = fe.getBoundingClientRect();
    const cs = fe.ownerDocument.defaultView.getComputedStyle(fe);
    x += r.left + fe.clientLeft + parseFloat(cs.paddingLeft);
    y += r.top + fe.clientTop + parseFloat(cs.paddingTop);
    w = fe.ownerDocument.defaultView;
  }
  return { x, y };
}

/** The intersection of two {left, top, right, bottom} boxes (may be empty). */
export const intersect = (a, b) => ({
  left: Math.max(a.left, b.left), top: Math.max(a.top, b.top),
  right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom),
});

const parentOf = (n) => n.parentNode && n.parentNode.nodeType === 11 ? n.parentNode.host : n.parentNode;

/** The viewport of `doc`'s window without its scrollbars, in its own client coordinates. */
function viewportBox(doc) {
  const w = doc.defaultView;
  const de = doc.documentElement;
  const std = doc.compatMode === 'CSS1Compat' && de;
  return { left: 0, top: 0, right: std ? de.clientWidth : w.innerWidth, bottom: std ? de.clientHeight : w.innerHeight };
}

/**
 * The visible part of `el` in `topWin`'s client coordinates, {left, top, right, bottom, width,
 * height}, or null when none of it can be seen. `inner` clips to the padding box of `el` itself
 * (what a scrolling field shows), else its border box.
 */
export function visibleRect(el, topWin, { inner = false } = {}) {
  let doc = el.ownerDocument;
  const r = el.getBoundingClientRect();
  let box = inner
    ? { left: r.left + el.clientLeft, top: r.top + el.clientTop, right: r.left + el.clientLeft + el.clientWidth, bottom: r.top + el.clientTop + el.clientHeight }
    : { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  let node = el;
  for (;;) {
    const win = doc.defaultView;
    for (let n = parentOf(node); n && n.nodeType === 1; n = parentOf(n)) {
      if (n === doc.documentElement || n === doc.body) continue; // the viewport's scroller
      const cs = win.getComputedStyle(n);
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
      const b = n.getBoundingClientRect();
      const x = b.left + n.clientLeft;
      const y = b.top + n.clientTop;
      box = intersect(box, {
        left: cs.overflowX === 'visible' ? -Infinity : x, right: cs.overflowX === 'visible' ? Infinity : x + n.clientWidth,
        top: cs.overflowY === 'visible' ? -Infinity : y, bottom: cs.overflowY === 'visible' ? Infinity : y + n.clientHeight,
      });
    }
    box = intersect(box, viewportBox(doc));
    const fe = win === topWin ? null : win.frameElement;
    if (!fe) break;
    const o = frameOffset(doc, fe.ownerDocument.defaultView);
    box = { left: box.left + o.x, top: box.top + o.y, right: box.right + o.x, bottom: box.bottom + o.y };
    node = fe;
    doc = fe.ownerDocument;
  }
  if (box.right - box.left < 1 || box.bottom - box.top < 1) return null;
  return { ...box, width: box.right - box.left, height: box.bottom - box.top };
}

/** Whether `a` is `el` or one of its ancestors, across open shadow roots and same-origin frames. */
function holds(a, el) {
  for (let n = el; n; n = parentOf(n) || (n.nodeType === 9 ? n.defaultView && n.defaultView.frameElement : null)) {
    if (n === a) return true;
  }
  return false;
}

/**
 * Whether the box {left, top, right, bottom} (top-level client coordinates) covers only the
 * surroundings of `el`: at its corners and centre, the page shows `el` itself or an ancestor of
 * it (its container's background), not other content (a neighbouring button, a label, an
 * editor's own balloon). Looks through Skillmark's own layer, open shadow roots and same-origin
 * frames.
 */
export function isBackdrop(topWin, box, el) {
  const pts = [[box.left + 1, box.top + 1], [box.right - 1, box.top + 1], [box.left + 1, box.bottom - 1],
    [box.right - 1, box.bottom - 1], [(box.left + box.right) / 2, (box.top + box.bottom) / 2]];
  return pts.every(([x, y]) => {
    let root = topWin.document;
    let ox = 0;
    let oy = 0;
    for (let depth = 0; depth < 16; depth++) {
      const hit = root.elementsFromPoint(x - ox, y - oy).find((e) => e.localName !== 'skillmark-ui');
      if (!hit) return true;
      if (hit.shadowRoot && hit.shadowRoot !== root) { root = hit.shadowRoot; continue; }
      let inner = null;
      try { inner = (hit.localName === 'iframe' || hit.localName === 'frame') && hit.contentDocument; } catch { inner = null; }
      if (inner && inner.documentElement) {
        const r = hit.getBoundingClientRect();
        const cs = hit.ownerDocument.defaultView.getComputedStyle(hit);
        ox += r.left + hit.clientLeft + parseFloat(cs.paddingLeft);
        oy += r.top + hit.clientTop + parseFloat(cs.paddingTop);
        root = inner;
        continue;
      }
      return holds(hit, el);
    }
    return false;
  });
}
