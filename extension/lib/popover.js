// The explanation/suggestion popover: a popover="manual" element (top layer, above any page
// z-index) positioned next to its anchor. Shared with the www/ playground.
import { LABEL_BY_ID, SEVERITIES } from './colors.js';
import { renderMarkdown, renderSuggestionText } from './markdown.js';
import { swatch } from './panel.js';
import { actionButton, el } from './dom.js';


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
    const pre = el(doc, 'div', 'sm-sugg-pre');
    pre.append(renderSuggestionText(doc, s.text));
    sug.append(pre);
    sug.append(el(doc, 'div', 'sm-hint', s.span.start16 === s.span.end16
      ? 'Inserted as typed text; replace the [bracketed] parts.'
      : 'Replaces the marked words; replace the [bracketed] parts.'));
    box.append(sug);
  }
  const row = el(doc, 'div', 'sm-actions');
  if (s && actions.onInsert) {
    row.append(actionButton(doc, 'sm-primary', 'Insert', 'insert', () => actions.onInsert(finding)));
  }
  if (s && actions.onCopy) {
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

  place(anchor) {
    const win = this.node.ownerDocument.defaultView;
    const w = this.node.offsetWidth || 360;
    const h = this.node.offsetHeight || 200;
    let left = Math.min(Math.max(4, anchor.left), win.innerWidth - w - 4);
    let top = anchor.bottom + 6;
    if (top + h > win.innerHeight - 4 && anchor.top - h - 6 > 4) top = anchor.top - h - 6;
    this.node.style.left = `${Math.max(4, left)}px`;
    this.node.style.top = `${Math.max(4, top)}px`;
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
