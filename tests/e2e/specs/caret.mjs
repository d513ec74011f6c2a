// The browser's own layout of a textarea's text, for geometry.spec.mjs: runs in the field's
// frame and asks document.caretPositionFromPoint() where the field puts each caret offset.

/**
 * Runs in the field's frame. For each span [s, e): where the browser lays out its first and last
 * character ({x, top, bottom} of the start edge and of the end edge; null when that line is not
 * fully visible), plus the field's visible rectangle (padding box clipped by every scrolling
 * ancestor and the viewport).
 */
export function browserGeometry({ host, id, spans }) {
  const root = host ? document.querySelector(host).shadowRoot : document;
  const el = root.getElementById(id);
  const opts = host ? { shadowRoots: [root] } : undefined;
  const at = (x, y) => {
    const p = document.caretPositionFromPoint(x, y, opts);
    return p && p.offsetNode === el ? p.offset : -1;
  };
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  let vis = { left: r.left + el.clientLeft, top: r.top + el.clientTop, right: r.left + el.clientLeft + el.clientWidth, bottom: r.top + el.clientTop + el.clientHeight };
  for (let n = el.parentNode; n; n = n.parentNode || n.host) {
    if (n.nodeType !== 1 || getComputedStyle(n).overflow === 'visible') continue;
    const b = n.getBoundingClientRect();
    vis = { left: Math.max(vis.left, b.left + n.clientLeft), top: Math.max(vis.top, b.top + n.clientTop),
      right: Math.min(vis.right, b.left + n.clientLeft + n.clientWidth), bottom: Math.min(vis.bottom, b.top + n.clientTop + n.clientHeight) };
  }
  vis = { left: Math.max(vis.left, 0), top: Math.max(vis.top, 0), right: Math.min(vis.right, document.documentElement.clientWidth), bottom: Math.min(vis.bottom, document.documentElement.clientHeight) };
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = cs.font;
  ctx.letterSpacing = cs.letterSpacing === 'normal' ? '0px' : cs.letterSpacing;
  const width = (ch) => ctx.measureText(ch).width;
  const text = el.value;
  const left = r.left + el.clientLeft + parseFloat(cs.paddingLeft);
  const right = r.left + el.clientLeft + el.clientWidth - parseFloat(cs.paddingRight);
  const first = (lo, hi, pred) => { // smallest v in [lo, hi] with pred(v), pred monotonic
    if (!pred(hi)) return null;
    for (let i = 0; i < 30 && hi - lo > 0.02; i++) { const m = (lo + hi) / 2; if (pred(m)) hi = m; else lo = m; }
    return hi;
  };
  // The line box holding character k, if fully visible: its bottom is where line starts pass k,
  // its top where they reach the start of k's line (any line-height, 'normal' included).
  const lineOf = (k) => {
    const xl = left + 0.5;
    if (at(xl, vis.top + 1) > k) return null;
    const bottom = first(vis.top + 1, vis.bottom - 1, (y) => at(xl, y) > k);
    if (bottom === null) return null;
    const start = at(xl, bottom - 0.3);
    const top = first(vis.top + 1, bottom, (y) => at(xl, y) >= start);
    if (top === null || top <= vis.top + 1.05) return null;
    return { top, bottom };
  };
  const edge = (k, side) => { // side 0: left edge of char k; 1: right edge of char k
    const line = lineOf(k);
    if (!line) return null;
    const y = (line.top + line.bottom) / 2;
    // The caret jumps from k to k + 1 at the middle of character k.
    const mid = first(left, right, (x) => at(x, y) > k);
    if (mid === null || at(mid - 0.05, y) !== k) return null;
    const half = width(text[k]) / 2;
    return { x: side ? mid + half : mid - half, top: line.top, bottom: line.bottom };
  };
  return { vis, spans: spans.map(([s, e]) => ({ start: edge(s, 0), end: edge(e - 1, 1) })) };
}

