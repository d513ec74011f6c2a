// The playground: one <textarea>, the same engine, marks, checklist, findings, popover, insert
// and draft views (statement, SOAP) as the extension. Everything rendered comes from
// ../../extension/lib (bundled into build/app.js by www/build.sh, not copied); this file only
// wires the page.
//
// Loading the engine under `connect-src 'none'`: wasm-bindgen's init() loads the .wasm URL with the
// Fetch API, a connection, so the page CSP blocks it even for its own origin. Chromium 148 has no
// WebAssembly ES-module integration (`import './x.wasm'` is refused), and a JSON module import is
// governed by connect-src too. The one load the CSP allows is a script module (script-src
// 'self'), so www/build.sh writes the .wasm bytes into pkg/skillmark_bg_wasm.js (base64,
// decoded once) and the bytes go to init() directly: no request, no relaxed CSP. This is for
// the playground only; the extension streams its packaged .wasm (its own CSP allows that).

import * as pkg from '../pkg/skillmark.js';
import wasmBytes from '../pkg/skillmark_bg_wasm.js';
import { createLocalEngine } from '../../extension/lib/engine.js';
import { TextareaMirror } from '../../extension/lib/mirror.js';
import { markSpans, findingAt, syncBoxes } from '../../extension/lib/marks.js';
import { mapReport } from '../../extension/lib/spanmap.js';
import { createAnalysisQueue } from '../../extension/lib/scheduler.js';
import { verifiedInsert, copyText, refusalStatus, textareaTarget } from '../../extension/lib/insert.js';
import { renderPanel, patchPanel, renderLegend, checklistScore } from '../../extension/lib/panel.js';
import { Popover, renderPopoverContent, isRemoval } from '../../extension/lib/popover.js';
import { renderDraftView, draftRange, draftAction, isSoap } from '../../extension/lib/draftview.js';
import { uiCss } from '../../extension/lib/styles.js';
import good from '../samples/good.txt';
import mediocre from '../samples/mediocre.txt';
import bad from '../samples/bad.txt';

const SAMPLES = { good, mediocre, bad };
const doc = document;
const $ = (id) => doc.getElementById(id);
const field = $('note');
const wrap = $('field-wrap');
const layer = $('marks');
const panelBox = $('panel');
const draftBox = $('draft');
const statusEl = $('status');

// The shared UI CSS as a constructed stylesheet (allowed by style-src 'self': no inline <style>).
const sheet = new CSSStyleSheet();
sheet.replaceSync(uiCss);
doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];

const state = {
  engine: null,
  rulesByCode: {},
  text: field.value,
  report: null,
  focusSpan: null,
  options: { unit_rule: 'medicare' },
  legendOpen: true,
  analyses: 0,
};
const popover = new Popover(doc.body, 'sm-pop');
const mirror = new TextareaMirror(field, wrap);

// The engine runs on this page's thread: each analysis in a task of its own after the edit's,
// and the page at most a quarter of the time busy with it while keys keep coming.
const queue = createAnalysisQueue(async (text) => {
  const r = await state.engine.analyze(text, state.options);
  state.analyses++;
  return r;
}, { ratio: 3, sameTask: false });

// ---- analysis -------------------------------------------------------------------------------

function analyzeSoon(immediate = false) {
  if (!state.engine) return;
  panelBox.dataset.stale = 'true';
  queue.request(() => state.text, (report, text, latest) => {
    state.report = text === state.text ? report : mapReport(report, text, state.text);
    // (data-stale: for the tests, "the panel shows the report of the note as it is now")
    panelBox.dataset.stale = String(!(latest && text === state.text));
    render();
  }, () => setStatus('The engine failed on this note.'), { immediate });
}

function onInput() {
  const old = state.text;
  const now = field.value;
  if (now === old) return;
  state.text = now;
  if (state.report) state.report = mapReport(state.report, old, now);
  if (draftBox.dataset.from != null && draftBox.dataset.from !== now) closeDraft(false);
  requestPaint();
  analyzeSoon(false);
}

// ---- rendering ------------------------------------------------------------------------------

let frame = 0;
function requestPaint() {
  if (frame) return;
  frame = requestAnimationFrame(() => { frame = 0; paint(); });
}

/** Marks: boxes from the shared mirror geometry, in the wrapper's coordinates. */
function paint() {
  const rect = field.getBoundingClientRect();
  if (!state.report || !rect.width) { layer.replaceChildren(); return; }
  mirror.sync(state.text, rect);
  const clip = mirror.clip();
  const origin = wrap.getBoundingClientRect();
  const boxes = [];
  for (const m of markSpans(state.report, { win: mirror.visibleWindow(), focus: state.focusSpan })) {
    for (const b of mirror.rects(m.start, m.end, clip)) boxes.push({ kind: m.kind, ...b });
  }
  syncBoxes(doc, layer, boxes, origin.left, origin.top);
  if (popover.open && popover.anchor) popover.place(popover.anchor());
}

function render() {
  requestPaint();
  const r = state.report;
  const legend = panelBox.querySelector('.sm-legend-box');
  if (legend) state.legendOpen = legend.open;
  const body = renderPanel(doc, r, {
    title: 'Checklist',
    onOpen: (f) => openFinding(f, { focus: true }),
    onDraft: () => openDraft(),
    onSoap: () => openDraft('soap'),
  });
  // The legend has its own card on this page.
  body.querySelector('.sm-legend-box')?.remove();
  // Updated in place: a click under way on a button and the focus survive a report.
  const shown = panelBox.querySelector(':scope > .sm-panel-body');
  if (shown) patchPanel(shown, body); else panelBox.replaceChildren(body);
  if (r) {
    const score = checklistScore(r.checklist);
    const errors = r.findings.filter((f) => f.severity === 'error').length;
    setStatus(`${score} of 7 checks met \u00b7 ${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}${errors ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}.`);
    panelBox.dataset.analyses = String(state.analyses);
  }
}

function setStatus(text) { statusEl.textContent = text; }

// ---- popover --------------------------------------------------------------------------------

/** The anchor rect of a finding's first box (client coordinates), else the field's top. */
function anchorFor(f) {
  const rect = field.getBoundingClientRect();
  mirror.sync(state.text, rect);
  const b = mirror.rects(f.span.start16, Math.max(f.span.start16 + 1, f.span.end16))[0];
  if (!b) return { left: rect.left, top: rect.top, bottom: rect.top + 24, right: rect.right };
  return { left: b.left, top: b.top, bottom: b.top + b.height, right: b.left + b.width };
}

function openFinding(f, { focus = true } = {}) {
  popover.returnTo = doc.activeElement;
  const content = renderPopoverContent(doc, { finding: f, rule: state.rulesByCode[f.code] }, {
    onInsert: (x) => applySuggestion(x),
    onCopy: async (x) => popover.setStatus((await copyText(x.suggestion.text, doc.body)) ? 'Copied to the clipboard.' : 'Could not copy.'),
    onClose: () => closePopover(true),
  });
  popover.anchor = () => anchorFor(f);
  popover.show(popover.anchor(), content, { focus });
  state.focusSpan = f.span;
  requestPaint();
}

function closePopover(refocus) {
  if (!popover.open) return;
  popover.hide();
  state.focusSpan = null;
  requestPaint();
  const back = popover.returnTo;
  popover.returnTo = null;
  if (refocus) (back && back.isConnected && back !== doc.body ? back : field).focus({ preventScroll: true });
}

async function write(start, end, text) {
  const res = await verifiedInsert(textareaTarget(field), { start, end, text });
  onInput();
  wrap.dataset.lastInsert = res.ok ? `ok:${res.via}` : res.reason;
  wrap.dataset.inserts = String(Number(wrap.dataset.inserts || 0) + 1);
  if (res.ok) analyzeSoon(true);
  return res;
}

async function applySuggestion(f) {
  const s = f.suggestion;
  popover.hide();
  state.focusSpan = null;
  const res = await write(s.span.start16, s.span.end16, s.text);
  if (res.ok) { setStatus(isRemoval(s) ? 'Removed. Ctrl+Z undoes it.' : 'Inserted. Ctrl+Z undoes it; replace the [bracketed] parts.'); return; }
  const status = await refusalStatus(res, s.text, { scratch: doc.body });
  openFinding(f);
  popover.setStatus(status);
}

// ---- draft statement, organise as SOAP -------------------------------------------------------

/** The caret for a draft: the field keeps its selection while another control has focus. */
function caretOffset() {
  const s = field.selectionStart;
  const e = field.selectionEnd;
  return s === e ? s : e;
}

/** "Draft statement" (`method` 'draft') or "Organise as SOAP" ('soap'): shown for review; Insert
 * writes it where `draftRange` says (the statement at the caret, the SOAP draft over the note). */
async function openDraft(method = 'draft') {
  if (!state.engine) return;
  closePopover(false);
  const caret = caretOffset();
  const text = field.value;
  const draft = await state.engine[method](text);
  const view = renderDraftView(doc, draft, {
    onInsert: async (d) => {
      if (field.value !== text) { setDraftStatus(`The note changed since this draft: choose ${draftAction(d)} again.`); return; }
      const { start, end } = draftRange(d, text, caret);
      const res = await write(start, end, d.text);
      if (res.ok) {
        closeDraft(false);
        setStatus(isSoap(d)
          ? 'The note is organised as SOAP. Review it, fill in the [bracketed] parts; Ctrl+Z brings the note back as it was.'
          : 'Draft inserted at the caret. Review it, fill in the [bracketed] parts; Ctrl+Z undoes it.');
      } else {
        setDraftStatus(await refusalStatus(res, d.text, { what: 'draft', scratch: doc.body }));
      }
    },
    onCopy: async (d) => setDraftStatus((await copyText(d.text, doc.body)) ? 'Copied to the clipboard.' : 'Could not copy.'),
    onClose: () => closeDraft(true),
  });
  draftBox.dataset.from = text;
  draftBox.dataset.caret = String(caret);
  draftBox.replaceChildren(view);
  draftBox.hidden = false;
  draftBox.scrollIntoView({ block: 'nearest' });
  view.querySelector('button.sm-primary')?.focus({ preventScroll: true });
}

function setDraftStatus(text) {
  const s = draftBox.querySelector('.sm-status');
  if (s) s.textContent = text;
}

function closeDraft(refocus) {
  if (draftBox.hidden) return;
  draftBox.hidden = true;
  draftBox.replaceChildren();
  delete draftBox.dataset.from;
  if (refocus) field.focus({ preventScroll: true });
}

// ---- samples, options, keyboard ---------------------------------------------------------------

/** Loads a sample as an ordinary edit (select all + insertText), so Ctrl+Z brings the old text back. */
function loadSample(name) {
  const text = SAMPLES[name].replace(/\s+$/, '');
  closePopover(false);
  closeDraft(false);
  field.focus({ preventScroll: true });
  field.select();
  let ok = false;
  try { ok = doc.execCommand('insertText', false, text); } catch { ok = false; }
  if (!ok || field.value !== text) field.value = text;
  field.setSelectionRange(0, 0);
  field.scrollTop = 0;
  onInput();
  analyzeSoon(true);
}

for (const b of doc.querySelectorAll('[data-sample]')) b.addEventListener('click', () => loadSample(b.dataset.sample));
for (const r of doc.querySelectorAll('input[name=unit_rule]')) {
  r.addEventListener('change', () => { state.options = { unit_rule: r.value }; analyzeSoon(true); });
}

field.addEventListener('input', onInput);
field.addEventListener('scroll', requestPaint, { passive: true });
field.addEventListener('click', (e) => {
  if (e.button !== 0 || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return;
  setTimeout(() => {
    const f = field.selectionStart === field.selectionEnd ? findingAt(state.report, field.selectionStart, { inlineOnly: true }) : null;
    // Opened without taking focus: the user may be placing the caret to type.
    if (f) openFinding(f, { focus: false });
    else closePopover(false);
  }, 0);
});
field.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey) {
    const r = state.report;
    if (!r || !r.findings.length) return;
    e.preventDefault();
    const f = findingAt(r, caretOffset(), { inlineOnly: false }) || r.findings[0];
    openFinding(f, { focus: true });
  } else if (e.key === 'Escape' && popover.open) {
    closePopover(false);
  }
});
popover.node.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); closePopover(true); } });
draftBox.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); closeDraft(true); } });
doc.addEventListener('pointerdown', (e) => {
  if (popover.open && !popover.node.contains(e.target) && e.target !== field) closePopover(false);
});
new ResizeObserver(requestPaint).observe(field);
addEventListener('resize', requestPaint, { passive: true });
addEventListener('scroll', () => { if (popover.open && popover.anchor) popover.place(popover.anchor()); }, { passive: true, capture: true });

$('legend').replaceChildren(renderLegend(doc));

// ---- start ----------------------------------------------------------------------------------

(async () => {
  try {
    state.engine = await createLocalEngine(pkg, wasmBytes);
    state.rulesByCode = Object.fromEntries((await state.engine.rules()).map((r) => [r.code, r]));
    doc.documentElement.dataset.engine = state.engine.version;
    // Start with a sample (set directly: loading it is not an edit Ctrl+Z should undo).
    if (!field.value) field.value = SAMPLES.mediocre.replace(/\s+$/, '');
    field.setSelectionRange(0, 0);
    onInput();
    analyzeSoon(true);
    doc.documentElement.dataset.ready = 'true';
  } catch (e) {
    // (A file that cannot be loaded at all is reported by ../boot.js.)
    setStatus('The engine failed to start in this browser, so nothing can be checked. Reload the page; if this stays, rebuild it with ./x serve.');
    statusEl.classList.add('error');
    statusEl.setAttribute('role', 'alert');
    doc.documentElement.dataset.engineError = 'start';
    console.warn('Skillmark could not start:', e && e.name);
  }
})();
render();
