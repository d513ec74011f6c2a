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
export function boxNode(doc, b, dx = 0, dy = 0) {
  const d = doc.createElement('div');
  d.className = 'sm-box';
  d.dataset.kind = b.kind;
  const st = boxStyle(b.kind);
  d.style.left = `${b.left - dx}px`;
  d.style.top = `${b.top - dy}px`;
  d.style.width = `${b.width}px`;
  d.style.height = `${b.height}px`;
  d.style.borderBottom = st.borderBottom;
  d.style.background = st.background;
  return d;
}
