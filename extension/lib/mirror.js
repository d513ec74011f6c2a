// Geometry of text inside a <textarea>: a hidden mirror <div> with the field's text metrics,
// placed exactly over the field; Range.getClientRects() on the mirror's text node gives the
// boxes of a span as they appear in the field (scroll included). The mirror lives in the
// extension's own shadow root, never in the page's DOM tree or the field's form.

const COPY = ['boxSizing', 'width', 'height', 'overflowX', 'overflowY', 'borderTopWidth', 'borderRightWidth',
  'borderBottomWidth', 'borderLeftWidth', 'borderStyle', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'fontSizeAdjust', 'lineHeight', 'fontFamily',
  'fontFeatureSettings', 'fontKerning', 'fontVariantLigatures', 'textAlign', 'textTransform', 'textIndent',
  'textDecoration', 'letterSpacing', 'wordSpacing', 'tabSize', 'MozTabSize', 'wordBreak', 'overflowWrap',
  'direction', 'writingMode', 'hyphens'];

export class TextareaMirror {
  constructor(field, container) {
    this.field = field;
    const doc = container.ownerDocument || container;
    this.div = doc.createElement('div');
    this.div.setAttribute('aria-hidden', 'true');
    this.div.className = 'sm-mirror';
    this.text = doc.createTextNode('');
    this.div.append(this.text);
    container.append(this.div);
    this.lastText = null;
  }

  /** Copies style and text; `offset` is the field's (iframe-adjusted) client rect origin. */
  sync(text, rect) {
    const cs = this.field.ownerDocument.defaultView.getComputedStyle(this.field);
    const st = this.div.style;
    for (const p of COPY) if (cs[p] !== undefined) st[p] = cs[p];
    st.position = 'fixed';
    st.visibility = 'hidden';
    st.pointerEvents = 'none';
    st.whiteSpace = 'pre-wrap';
    st.overflowWrap = cs.overflowWrap === 'normal' ? 'break-word' : cs.overflowWrap;
    st.left = `${rect.left}px`;
    st.top = `${rect.top}px`;
    st.width = `${this.field.offsetWidth}px`;
    st.height = `${this.field.offsetHeight}px`;
    st.margin = '0';
    // A textarea that scrolls shows a scrollbar; reproduce it so the wrap width is the same.
    st.overflowY = this.field.scrollHeight > this.field.clientHeight ? 'scroll' : 'hidden';
    st.overflowX = 'hidden';
    if (text !== this.lastText) {
      // A trailing newline needs a character after it to take up a line, as in the field.
      this.text.data = text.endsWith('\n') ? text + ' ' : text;
      this.lastText = text;
    }
    this.div.scrollTop = this.field.scrollTop;
    this.div.scrollLeft = this.field.scrollLeft;
  }

  /** Client rects of [start, end) clipped to the field's content box (mirror coordinates). */
  rects(start, end) {
    const len = this.text.data.length;
    const r = this.div.ownerDocument.createRange();
    r.setStart(this.text, Math.min(start, len));
    r.setEnd(this.text, Math.min(end, len));
    const clip = this.div.getBoundingClientRect();
    const cs = this.div.style;
    const top = clip.top + parseFloat(cs.borderTopWidth || 0);
    const left = clip.left + parseFloat(cs.borderLeftWidth || 0);
    const bottom = top + this.field.clientHeight;
    const right = left + this.field.clientWidth;
    const out = [];
    for (const b of r.getClientRects()) {
      if (b.width <= 0.5 && end > start) continue;
      const t = Math.max(b.top, top);
      const btm = Math.min(b.bottom, bottom);
      const l = Math.max(b.left, left);
      const rt = Math.min(b.right, right);
      if (btm - t < 1 || rt - l < 1) continue;
      out.push({ left: l, top: t, width: rt - l, height: btm - t });
    }
    return out;
  }

  remove() { this.div.remove(); }
}
