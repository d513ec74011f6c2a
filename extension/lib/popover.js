// The explanation/suggestion popover: a popover="manual" element (top layer, above any page
// z-index) positioned next to its anchor. Shared with the www/ playground.
import { LABEL_BY_ID, SEVERITIES } from './colors.js';
import { renderMarkdown, renderSuggestionText } from './markdown.js';
import { swatch } from './panel.js';
import { actionButton, el } from './dom.js';


/** A suggestion that only deletes the marked words ("Remove the placeholder"): its text is empty. */
export const isRemoval = (s) => !!s && s.text === '' && s.span.end16 > s.span.start16;

/**
 * Content for a finding ({finding, rule}) or a label mark ({label}).
 * actions: onInsert(finding), onDismiss(finding), onCopy(finding), onClose().
 */
export function renderPopoverContent(doc, { finding, rule, label }, actions = {}) {
  const box = el(doc, 'div', 'sm-pop-body');
  const head = el(doc, 'div', 'sm-head');
  if (finding) {
    const sev = SEVERITIES[finding.severity] || SEVERITIES.info;
    const icon = el(doc, 'span', 'sm-sev', sev.icon);
    icon.style.color = sev.color;
    icon.setAttribute('aria-label', sev.name);
    head.append(icon, el(doc, 'strong', 'sm-title', rule ? rule.title : finding.code));
  } else if (label) {
    head.append(swatch(doc, label), el(doc, 'strong', 'sm-title', LABEL_BY_ID[label].name));
  }
  const close = el(doc, 'button', 'sm-x', '\u00d7');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close');
  close.addEventListener('click', () => actions.onClose && actions.onClose());
  head.append(close);
  box.append(head);

  if (label && !finding) {
    box.append(el(doc, 'p', 'sm-msg', `Marked as \u201c${LABEL_BY_ID[label].name}\u201d: ${LABEL_BY_ID[label].desc}.`));
    return box;
  }
  box.append(el(doc, 'p', 'sm-msg', finding.message));
  if (finding.source) {
    const src = el(doc, 'p', 'sm-source');
    src.append(el(doc, 'span', 'sm-src-cite', finding.source.citation));
    src.append(doc.createTextNode(` \u2014 ${finding.source.summary} (${finding.source.strength})`));
    box.append(src);
  }
  const s = finding.suggestion;
  if (s) {
    const sug = el(doc, 'div', 'sm-sugg');
    sug.append(el(doc, 'div', 'sm-sugg-title', s.title));
    if (!isRemoval(s)) {
      const pre = el(doc, 'div', 'sm-sugg-pre');
      pre.append(renderSuggestionText(doc, s.text));
      sug.append(pre);
    }
    sug.append(el(doc, 'div', 'sm-hint', isRemoval(s)
      ? 'Removes the marked words.'
      : s.span.start16 === s.span.end16
        ? 'Inserted as typed text; replace the [bracketed] parts.'
        : 'Replaces the marked words; replace the [bracketed] parts.'));
    box.append(sug);
  }
  const row = el(doc, 'div', 'sm-actions');
  if (s && actions.onInsert) {
    row.append(actionButton(doc, 'sm-primary', isRemoval(s) ? 'Remove' : 'Insert', 'insert', () => actions.onInsert(finding)));
  }
  // (A removal has no text to copy.)
  if (s && actions.onCopy && !isRemoval(s)) {
    row.append(actionButton(doc, null, 'Copy', 'copy', () => actions.onCopy(finding)));
  }
  if (actions.onDismiss) {
    row.append(actionButton(doc, null, 'Dismiss', 'dismiss', () => actions.onDismiss(finding)));
  }
  box.append(row);
  box.append(el(doc, 'div', 'sm-status'));
  if (rule && rule.docs) {
    const det = el(doc, 'details', 'sm-docs');
    det.append(el(doc, 'summary', null, 'Why this matters'), renderMarkdown(doc, rule.docs));
    box.append(det);
  }
  return box;
}

/** A manual popover inside `container`; show(anchorRect, content) / hide(). */
export class Popover {
  constructor(container, cls = 'sm-pop') {
    const doc = container.ownerDocument || container;
    this.node = doc.createElement('div');
    this.node.className = cls;
    this.node.setAttribute('popover', 'manual');
    this.node.setAttribute('role', 'dialog');
    container.append(this.node);
    this.open = false;
  }

  show(anchor, content, { focus = true } = {}) {
    this.node.replaceChildren(content);
    if (!this.open) {
      try { this.node.showPopover(); } catch { /* already open or unsupported */ }
      this.open = true;
    }
    this.place(anchor);
    if (focus) {
      const first = this.node.querySelector('button.sm-primary') || this.node.querySelector('button:not(.sm-x)') || this.node.querySelector('button');
      if (first) first.focus({ preventScroll: true });
    }
  }

  /**
   * Places the popover next to `anchor` so all of it is inside the window: below the anchor if
   * it fits, else above, else on the roomier side shortened to the room there (it scrolls
   * inside); never past an edge of the window.
   */
  place(anchor) {
    const node = this.node;
    const win = node.ownerDocument.defaultView;
    const de = node.ownerDocument.documentElement;
    const vw = de.clientWidth || win.innerWidth;
    const vh = de.clientHeight || win.innerHeight;
    const M = 4;
    const GAP = 6;
    node.style.maxHeight = ''; // the stylesheet's limit, to measure the natural height
    const w = node.offsetWidth || 360;
    const natural = node.offsetHeight || 200;
    const below = vh - M - (anchor.bottom + GAP);
    const above = anchor.top - GAP - M;
    let h = natural;
    let top;
    if (natural <= below) top = anchor.bottom + GAP;
    else if (natural <= above) top = anchor.top - GAP - natural;
    else {
      // Neither side holds all of it: the roomier side (at least a usable height), scrolling.
      h = Math.min(natural, Math.max(below, above, Math.min(160, vh - 2 * M)));
      top = below >= above ? anchor.bottom + GAP : anchor.top - GAP - h;
    }
    h = Math.min(h, vh - 2 * M);
    top = Math.min(Math.max(M, top), vh - M - h);
    if (h < natural) {
      const cs = win.getComputedStyle(node);
      const extra = ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'].reduce((n, p) => n + (parseFloat(cs[p]) || 0), 0);
      node.style.maxHeight = `${Math.max(0, (cs.boxSizing === 'border-box' ? h : h - extra))}px`;
    }
    const left = Math.min(Math.max(M, anchor.left), vw - w - M);
    node.style.left = `${Math.max(M, left)}px`;
    node.style.top = `${top}px`;
  }

  setStatus(text) {
    const s = this.node.querySelector('.sm-status');
    if (s) s.textContent = text;
  }

  hide() {
    if (!this.open) return;
    try { this.node.hidePopover(); } catch { /* ignore */ }
    this.open = false;
  }
}
