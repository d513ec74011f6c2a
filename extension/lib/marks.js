// What is drawn in the text, and how a textarea's overlay box is made: shared by the extension
// (content/main.js) and the www/ playground, so both show the same marks.
import { boxStyle } from './colors.js';

/** Findings drawn in the text; note-level (missing_*) and sentence-level ones live in the panel. */
export const inlineFinding = (f) => !f.code.startsWith('missing_') && !f.code.startsWith('intervention_without_') && f.span.end16 > f.span.start16;

/**
 * Spans to draw: [{kind, start, end}] — labels, inline findings and the focused span, only those
 * overlapping `win` ([first, last] visible offsets; null = all).
 */
export function markSpans(report, { win = null, focus = null } = {}) {
  if (!report) return [];
  const lo = win ? win[0] : -1;
  const hi = win ? win[1] : Infinity;
  const out = [];
  for (const a of report.annotations) {
    if (a.span.end16 >= lo && a.span.start16 <= hi) out.push({ kind: a.label, start: a.span.start16, end: a.span.end16 });
  }
  for (const f of report.findings) {
    if (inlineFinding(f) && f.span.end16 >= lo && f.span.start16 <= hi) out.push({ kind: f.severity, start: f.span.start16, end: f.span.end16 });
  }
  if (focus) out.push({ kind: 'focus', start: focus.start16, end: focus.end16 });
  return out;
}

/** The narrowest finding whose span holds `offset` (inline ones only if asked), or null. */
export function findingAt(report, offset, { inlineOnly = false } = {}) {
  if (!report || offset < 0) return null;
  const hit = report.findings
    .filter((f) => (!inlineOnly || inlineFinding(f)) && f.span.start16 <= offset && offset <= f.span.end16)
    .sort((a, b) => (a.span.end16 - a.span.start16) - (b.span.end16 - b.span.start16));
  return hit[0] || null;
}

/** An overlay box (div.sm-box) for a mark `{kind, left, top, width, height}`, in the container's coordinates. */
function boxNode(doc, b, dx = 0, dy = 0) {
  const d = doc.createElement('div');
  d.className = 'sm-box';
  setBox(d, b, dx, dy);
  return d;
}

/** Gives the box node `d` the kind and geometry of `b`, writing only what differs (an unchanged
 * box costs the page no style work). */
function setBox(d, b, dx, dy) {
  if (d.dataset.kind !== b.kind) {
    const st = boxStyle(b.kind);
    d.dataset.kind = b.kind;
    d.style.borderBottom = st.borderBottom;
    d.style.background = st.background;
  }
  const st = d.style;
  const px = (v) => `${v}px`;
  const left = px(b.left - dx);
  const top = px(b.top - dy);
  const width = px(b.width);
  const height = px(b.height);
  if (st.left !== left) st.left = left;
  if (st.top !== top) st.top = top;
  if (st.width !== width) st.width = width;
  if (st.height !== height) st.height = height;
}

/** Makes `container`'s children the overlay boxes `boxes`, reusing the box nodes it has: after
 * a keystroke most marks are where they were, and a frame moves a few boxes instead of
 * rebuilding a hundred. */
export function syncBoxes(doc, container, boxes, dx = 0, dy = 0) {
  const nodes = container.children;
  boxes.forEach((b, i) => {
    if (i < nodes.length) setBox(nodes[i], b, dx, dy);
    else container.append(boxNode(doc, b, dx, dy));
  });
  while (nodes.length > boxes.length) container.lastElementChild.remove();
}
