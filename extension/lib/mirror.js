// Geometry of text inside a <textarea>: a hidden mirror <div> with the field's text metrics,
// placed exactly over the field (border-box at the field's border-box size, whatever the field's
// box-sizing, with its padding, borders, and its scrollbar as extra padding); Range.getClientRects() on the mirror's text gives the boxes of
// a span as they appear in the field (scroll included). The mirror lives in the extension's own
// shadow root, never in the page's DOM tree or the field's form.
//
// The mirror holds one block per line of the note, so a keystroke re-lays out one line, not
// the whole note (a 100 KB note would otherwise cost a long task per keystroke).

const COPY = ['borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch',
  'fontSize', 'fontSizeAdjust', 'lineHeight', 'fontFamily', 'fontFeatureSettings', 'fontKerning', 'fontVariantLigatures',
  'textAlign', 'textTransform', 'textIndent', 'letterSpacing', 'wordSpacing', 'tabSize', 'wordBreak', 'overflowWrap',
  'direction', 'writingMode', 'hyphens'];
const EMPTY = '\u200b'; // gives an empty line its height; maps to offset 0 only

export class TextareaMirror {
  constructor(field, container) {
    this.field = field;
    this.doc = container.ownerDocument || container;
    this.div = this.doc.createElement('div');
    this.div.setAttribute('aria-hidden', 'true');
    this.div.className = 'sm-mirror';
    container.append(this.div);
    this.lines = []; // { el, node, text }
    this.starts = []; // offset of each line's first character
    this.lastText = null;
    this.styleKey = '';
  }

  /** Copies style, size, position, text and scroll; `rect` is the field's client rect. */
  sync(text, rect) {
    const cs = this.field.ownerDocument.defaultView.getComputedStyle(this.field);
    const st = this.div.style;
    const f = this.field;
    // The mirror is always border-box, as wide and tall as the field's border box (whatever the
    // field's own box-sizing), with the field's borders and padding; the field's scrollbar (any
    // width, page-styled or overlay) becomes extra right padding, so the text wraps at exactly
    // the field's content width.
    const bl = parseFloat(cs.borderLeftWidth) || 0;
    const br = parseFloat(cs.borderRightWidth) || 0;
    const bt = parseFloat(cs.borderTopWidth) || 0;
    const bb = parseFloat(cs.borderBottomWidth) || 0;
    const bar = Math.max(0, f.offsetWidth - f.clientWidth - Math.round(bl) - Math.round(br));
    const barY = Math.max(0, f.offsetHeight - f.clientHeight - Math.round(bt) - Math.round(bb));
    const key = COPY.map((p) => cs[p]).join('|') + `|${cs.whiteSpace}|${cs.textWrapMode}|${rect.width}|${rect.height}|${bar}|${barY}`;
    if (key !== this.styleKey) {
      this.styleKey = key;
      for (const p of COPY) st[p] = cs[p];
      st.boxSizing = 'border-box';
      st.position = 'fixed';
      st.visibility = 'hidden';
      st.pointerEvents = 'none';
      // A field that does not wrap (wrap="off", white-space: pre / text-wrap-mode: nowrap)
      // scrolls sideways; every other one wraps long words as a textarea does.
      const nowrap = cs.textWrapMode ? cs.textWrapMode === 'nowrap' : /^(pre|nowrap)$/.test(cs.whiteSpace);
      st.whiteSpace = nowrap ? 'pre' : 'pre-wrap';
      st.overflowWrap = cs.overflowWrap === 'normal' ? 'break-word' : cs.overflowWrap;
      st.width = `${rect.width}px`;
      st.height = `${rect.height}px`;
      // (A right-to-left field has its scrollbar on the left.)
      const barSide = cs.direction === 'rtl' ? 'paddingLeft' : 'paddingRight';
      st[barSide] = `${(parseFloat(cs[barSide]) || 0) + bar}px`;
      st.paddingBottom = `${(parseFloat(cs.paddingBottom) || 0) + barY}px`;
      st.margin = '0';
      // Scrolled by script only (scrollTop/Left below); no scrollbar of its own.
      st.overflow = 'hidden';
    }
    st.left = `${rect.left}px`;
    st.top = `${rect.top}px`;
    if (text !== this.lastText) this.setText(text);
    this.div.scrollTop = f.scrollTop;
    this.div.scrollLeft = f.scrollLeft;
  }

  /** Replaces only the lines that changed. */
  setText(text) {
    const next = text.split('\n');
    const old = this.lines;
    let a = 0;
    while (a < old.length && a < next.length && old[a].text === next[a]) a++;
    let b = 0;
    while (b < old.length - a && b < next.length - a && old[old.length - 1 - b].text === next[next.length - 1 - b]) b++;
    const fresh = [];
    for (let i = a; i < next.length - b; i++) {
      const el = this.doc.createElement('div');
      const node = this.doc.createTextNode(next[i] || EMPTY);
      el.append(node);
      fresh.push({ el, node, text: next[i] });
    }
    const removed = old.splice(a, old.length - a - b, ...fresh);
    for (const r of removed) r.el.remove();
    const after = old[a + fresh.length] ? old[a + fresh.length].el : null;
    for (const f of fresh) this.div.insertBefore(f.el, after);
    this.starts = new Array(old.length);
    let off = 0;
    for (let i = 0; i < old.length; i++) { this.starts[i] = off; off += old[i].text.length + 1; }
    this.lastText = text;
  }

  lineOf(offset) {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** The content box of the field, in client coordinates. */
  clip() {
    const b = this.div.getBoundingClientRect();
    const top = b.top + this.field.clientTop;
    const left = b.left + this.field.clientLeft;
    return { top, left, bottom: top + this.field.clientHeight, right: left + this.field.clientWidth };
  }

  /** Client rects of [start, end), clipped to the field's content box. */
  rects(start, end, clip = this.clip()) {
    const out = [];
    if (!this.lines.length) return out;
    // One Range, reused: each new Range stays registered with the document until it is
    // collected, and every edit of the page (each keystroke in the field) updates every
    // registered one; a Range per mark per frame made typing slower the longer one typed.
    const r = (this.range ??= this.doc.createRange());
    const la = this.lineOf(start);
    const lb = this.lineOf(Math.max(start, end - 1));
    for (let i = la; i <= lb; i++) {
      const line = this.lines[i];
      const len = line.text.length;
      const s = i === la ? start - this.starts[i] : 0;
      const e = i === lb ? Math.min(len, end - this.starts[i]) : len;
      if (e < s || (e === s && end > start)) continue;
      r.setStart(line.node, Math.min(s, line.node.length));
      r.setEnd(line.node, Math.min(e, line.node.length));
      for (const b of r.getClientRects()) {
        if (b.width <= 0.5 && end > start) continue;
        const t = Math.max(b.top, clip.top);
        const btm = Math.min(b.bottom, clip.bottom);
        const l = Math.max(b.left, clip.left);
        const rt = Math.min(b.right, clip.right);
        if (btm - t < 1 || rt - l < 1) continue;
        out.push({ left: l, top: t, width: rt - l, height: btm - t });
      }
    }
    return out;
  }

  /** The text offsets visible in `clip` (default: the field), [first, last]; null for short
   * notes (draw all). */
  visibleWindow(clip = this.clip()) {
    if (this.lines.length < 40) return null;
    const find = (y) => { // first line whose bottom is below y
      let lo = 0;
      let hi = this.lines.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.lines[mid].el.getBoundingClientRect().bottom < y) lo = mid + 1; else hi = mid;
      }
      return lo;
    };
    const first = find(clip.top);
    const last = Math.min(this.lines.length - 1, find(clip.bottom) + 1);
    return [this.starts[first], this.starts[last] + this.lines[last].text.length];
  }

  remove() { this.div.remove(); }
}
