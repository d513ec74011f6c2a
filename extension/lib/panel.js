// The per-field checklist, the findings list and the legend: plain DOM builders with callbacks,
// shared with the www/ playground (no chrome.* here).
import { LABELS, LABEL_BY_ID, SEVERITIES, boxStyle } from './colors.js';
import { actionButton, el } from './dom.js';


/** Swatch showing a label's colour and line style, and its tint where the marks have one. */
export function swatch(doc, id) {
  const l = LABEL_BY_ID[id];
  const s = el(doc, 'span', 'sm-swatch');
  s.style.borderBottom = `${l.line === 'double' ? 4 : 3}px ${l.line === 'wavy' ? 'dotted' : l.line} ${l.color}`;
  if (l.tint) s.style.background = boxStyle(id).background;
  return s;
}

/** Swatch of a finding's shading (by severity): the marks' own background, no line. */
function shadeSwatch(doc, severity) {
  const s = el(doc, 'span', 'sm-swatch');
  s.style.background = boxStyle(severity).background;
  return s;
}

/** The legend: each label's line (measure and time are also tinted), then the shading of
 * findings by severity, which has no line. */
export function renderLegend(doc) {
  const box = el(doc, 'div', 'sm-legend');
  box.setAttribute('role', 'list');
  box.setAttribute('aria-label', 'Legend');
  for (const l of LABELS) {
    const row = el(doc, 'span', 'sm-legend-item');
    row.setAttribute('role', 'listitem');
    row.dataset.kind = l.id;
    row.append(swatch(doc, l.id), el(doc, 'span', null, `${l.name}: ${l.desc}${l.tint ? ' (underlined and tinted)' : ''}`));
    box.append(row);
  }
  for (const [id, sev] of Object.entries(SEVERITIES)) {
    const row = el(doc, 'span', 'sm-legend-shade');
    row.setAttribute('role', 'listitem');
    row.dataset.kind = id;
    row.append(shadeSwatch(doc, id), el(doc, 'span', null, `${sev.name} finding: shaded, no underline`));
    box.append(row);
  }
  return box;
}

/** Checklist: one chip per label; `unskilled` passes when its count is 0. */
export function renderChecklist(doc, checklist) {
  const ul = el(doc, 'ul', 'sm-checklist');
  ul.setAttribute('aria-label', 'Note checklist');
  for (const l of LABELS) {
    const ok = l.id === 'unskilled' ? !checklist.unskilled : !!checklist[l.id];
    const li = el(doc, 'li', `sm-check ${ok ? 'ok' : 'no'}`);
    li.dataset.label = l.id;
    const mark = el(doc, 'span', 'sm-check-mark', ok ? '\u2713' : '\u2717');
    mark.setAttribute('aria-hidden', 'true');
    const text = l.id === 'unskilled'
      ? (checklist.unskilled ? `Unskilled wording \u00d7${checklist.unskilled}` : 'No unskilled wording')
      : l.name;
    li.append(mark, swatch(doc, l.id), el(doc, 'span', null, text));
    li.setAttribute('aria-label', `${text}: ${ok ? 'present' : 'missing'}`);
    ul.append(li);
  }
  return ul;
}

/** Score shown on the collapsed badge: how many of the seven checks pass. */
export function checklistScore(checklist) {
  return LABELS.reduce((n, l) => n + (l.id === 'unskilled' ? (checklist.unskilled ? 0 : 1) : (checklist[l.id] ? 1 : 0)), 0);
}

// The findings a rendered list's buttons open: a list kept by patchPanel (same findings, same
// order) opens those of the newest report, whose spans follow the edits since.
const listFindings = new WeakMap();

/** Findings list; onOpen(finding, index) opens the popover for a finding. */
export function renderFindings(doc, findings, { onOpen } = {}) {
  const ol = el(doc, 'ol', 'sm-findings');
  listFindings.set(ol, findings);
  if (!findings.length) {
    ol.append(el(doc, 'li', 'sm-empty', 'No findings.'));
    return ol;
  }
  findings.forEach((f, i) => {
    const li = el(doc, 'li', `sm-finding sev-${f.severity}`);
    const btn = el(doc, 'button', 'sm-finding-btn');
    btn.type = 'button';
    btn.dataset.code = f.code;
    btn.dataset.index = String(i);
    const sev = SEVERITIES[f.severity] || SEVERITIES.info;
    const icon = el(doc, 'span', 'sm-sev', sev.icon);
    icon.style.color = sev.color;
    icon.setAttribute('aria-label', sev.name);
    const msg = el(doc, 'span', 'sm-msg', f.message);
    const src = el(doc, 'span', 'sm-src', f.source ? f.source.citation : '');
    btn.append(icon, msg, src);
    btn.addEventListener('click', () => onOpen && onOpen(listFindings.get(ol)[i] || f, i));
    li.append(btn);
    ol.append(li);
  });
  return ol;
}

/** "Draft statement" button (the draft is shown for review; never inserted automatically). */
export function renderDraftButton(doc, onDraft) {
  const b = el(doc, 'button', 'sm-draft-btn', 'Draft statement');
  b.type = 'button';
  b.dataset.action = 'draft';
  b.title = 'Draft a progress / medical-necessity statement from this note, for review';
  b.addEventListener('click', () => onDraft());
  return b;
}

/** "Organise as SOAP" button, beside "Draft statement" (shown for review; never inserted automatically). */
export function renderSoapButton(doc, onSoap) {
  const b = actionButton(doc, 'sm-draft-btn', 'Organise as SOAP', 'soap', () => onSoap());
  b.title = "Group this note's own sentences under Subjective, Objective, Assessment and Plan, for review";
  return b;
}

/** The whole panel body: (a notice, e.g. checking paused), checklist, findings, (Draft statement,
 * Organise as SOAP), legend. */
export function renderPanel(doc, report, { onOpen, onClose, onDraft, onSoap, notice = null, title = 'Skillmark' } = {}) {
  const wrap = el(doc, 'div', 'sm-panel-body');
  const head = el(doc, 'div', 'sm-head');
  head.append(el(doc, 'strong', null, title));
  if (report && report.stale) head.append(el(doc, 'span', 'sm-stale', 'updating\u2026'));
  if (onClose) {
    const x = el(doc, 'button', 'sm-x', '\u00d7');
    x.type = 'button';
    x.setAttribute('aria-label', 'Close');
    x.addEventListener('click', onClose);
    head.append(x);
  }
  wrap.append(head);
  if (notice) {
    const n = el(doc, 'p', 'sm-notice', notice);
    n.setAttribute('role', 'status');
    wrap.append(n);
  }
  if (report) {
    wrap.append(renderChecklist(doc, report.checklist));
    wrap.append(el(doc, 'h3', 'sm-sub', `Findings (${report.findings.length})`));
    wrap.append(renderFindings(doc, report.findings, { onOpen }));
  }
  if (onDraft || onSoap) {
    const row = el(doc, 'div', 'sm-draft-row');
    if (onDraft) row.append(renderDraftButton(doc, onDraft));
    if (onSoap) row.append(renderSoapButton(doc, onSoap));
    wrap.append(row);
  }
  const det = el(doc, 'details', 'sm-legend-box');
  det.append(el(doc, 'summary', null, 'Legend'), renderLegend(doc));
  wrap.append(det);
  return wrap;
}

/** A part of the panel body: its tag and class (each appears once in a body). */
const partKey = (n) => `${n.localName}.${n.className}`;

/**
 * Re-renders a shown panel `body` from `fresh` (renderPanel's body of the newest report) without
 * replacing what did not change: every part (head, notice, checklist, findings, the Draft / SOAP
 * buttons, legend) whose content is the same stays the very same nodes. A report lands after
 * each keystroke's analysis; a click under way on a button (pressed before the report, released
 * after it), the keyboard focus and an opened legend survive it. A part that did change is
 * replaced; the focus on one of its buttons moves to the new button of the same action or index.
 */
export function patchPanel(body, fresh) {
  const old = new Map([...body.children].map((n) => [partKey(n), n]));
  const active = body.getRootNode().activeElement;
  let at = body.firstChild;
  for (const n of [...fresh.children]) {
    const o = old.get(partKey(n));
    // (The legend's content never changes; its open state is the user's.)
    const keep = o && (o.matches('details.sm-legend-box') || o.isEqualNode(n));
    if (!keep) { body.insertBefore(n, at); continue; }
    if (o.matches('ol.sm-findings')) listFindings.set(o, listFindings.get(n));
    // Parts keep their order: what lies before a kept part is gone from the new body.
    while (at && at !== o) { const next = at.nextSibling; at.remove(); at = next; }
    at = o.nextSibling;
  }
  while (at) { const next = at.nextSibling; at.remove(); at = next; }
  if (active && !active.isConnected) {
    const d = active.dataset || {};
    const sel = d.action ? `[data-action="${d.action}"]` : d.index != null ? `.sm-finding-btn[data-index="${d.index}"]` : null;
    const twin = sel && body.querySelector(sel);
    if (twin) twin.focus({ preventScroll: true });
  }
}
