// Finds note fields in the page, runs the engine on them while the therapist types, draws the
// marks and the per-field checklist, and applies suggestions. All chrome.* access goes through
// the `adapter` passed to boot(); everything rendered comes from ../lib (shared with www/).
//
// DOM rules: nothing is ever inserted inside an editor or its form. Marks in contenteditable
// fields are CSS Custom Highlights (no nodes); textarea marks, mirrors, badges, the panel and the
// popover live in one shadow root on a <skillmark-ui> element hung from document.documentElement.

import { createSupervisedEngine, isTimeout } from '../lib/engine.js';
import { LABELS, SEVERITIES, highlightName, highlightCss } from '../lib/colors.js';
import { markSpans, findingAt, syncBoxes, inlineFinding } from '../lib/marks.js';
import { buildTextModel, updateTextModel, rangeFor, offsetOf, pointAt } from '../lib/textmodel.js';
import { TextareaMirror } from '../lib/mirror.js';
import { frameOffset, visibleRect, intersect, isBackdrop } from '../lib/viewport.js';
import { mapReport } from '../lib/spanmap.js';
import { createAnalysisQueue } from '../lib/scheduler.js';
import { verifiedInsert, copyText, refusalStatus, textareaTarget, editableTarget } from '../lib/insert.js';
import { renderPanel, patchPanel, checklistScore } from '../lib/panel.js';
import { renderDraftView, draftRange, draftAction } from '../lib/draftview.js';
import { Popover, renderPopoverContent } from '../lib/popover.js';
import { uiCss } from '../lib/styles.js';
import { hash53, findingKey } from '../lib/hash.js';

const KNOWN_EDITOR = '.ck-editor__editable, .ql-editor, .ProseMirror, .mce-content-body, #tinymce, [data-lexical-editor], [data-slate-editor]';
const MAX_CHARS = 200_000;
/** Every analysis runs off the page's main thread with a deadline: 1.5 s plus 5 ms per 1,000
 * characters (the engine takes ~1 ms per 1,000). A miss stops and restarts the engine and pauses
 * checking for that field until its next edit. (Test builds may shorten it from the page.) */
/* global SKILLMARK_TEST_BUILD */
const DEADLINE_MS = 1500;
const TOO_LONG_TEXT = `This note is too long to check: Skillmark checks notes of up to ${MAX_CHARS.toLocaleString('en-US')} characters.`;
const PAUSED_TEXT = 'Checking is paused for this field: the last check took too long and was stopped so the page stays responsive. It resumes when you edit the note.';

/** Starts Skillmark in `win`; `onDestroyed` runs once it is turned off for the site (the popup),
 * so that the popup's "Turn on" can start it again in the same page. */
export async function boot(adapter, { win = window, onDestroyed = null } = {}) {
  const app = new App(adapter, win);
  app.onDestroyed = onDestroyed;
  await app.start();
  return app;
}

class App {
  constructor(adapter, win) {
    this.adapter = adapter;
    this.win = win;
    this.doc = win.document;
    this.fields = new Map(); // element -> FieldController
    this.observed = new WeakSet(); // documents / shadow roots with a MutationObserver
    this.hidden = false;
    this.enginePromise = null;
    this.engineRef = null; // the running engine
    this.starting = null; // an engine being started (disposed with the app if it is turned off)
    this.destroyed = false;
    this.frameQueued = false;
    this.dirty = new Set();
    this.salt = '';
    this.onMove = () => this.renderAll();
    // maxTaskMs: the longest synchronous stretch of this script's own work (input handling,
    // a frame's render, taking a report in): the main-thread cost the engine's worker leaves.
    this.stats = { engine: null, instantiateMs: null, analyses: 0, lastAnalyzeMs: 0, timeouts: 0, restarts: 0, maxTaskMs: 0 };
    // Test builds: every report painted as [time, characters analysed] (bench-latency.mjs).
    this.paintLog = [];
  }

  async start() {
    this.salt = (await this.adapter.storageGet('salt').catch(() => null)) || '';
    if (!this.salt) {
      this.salt = Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join('');
      this.adapter.storageSet('salt', this.salt).catch(() => {});
    }
    this.hidden = await this.adapter.isHidden();
    this.adapter.onCommand((msg) => {
      if (this.destroyed) return;
      if (msg.type === 'hide') this.setHidden(!!msg.hidden);
      if (msg.type === 'disable') this.destroy();
    });
    this.buildUi();
    this.io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        const c = this.fields.get(e.target);
        if (c) c.setVisible(e.isIntersecting && e.boundingClientRect.width > 0 && e.boundingClientRect.height > 0);
      }
    });
    this.ro = new ResizeObserver(() => this.renderAll());
    this.win.addEventListener('scroll', this.onMove, { capture: true, passive: true });
    this.win.addEventListener('resize', this.onMove, { passive: true });
    this.scan();
    this.watch(this.doc);
    // Test/benchmark hooks: DOM events carrying no note text, only counters.
    this.doc.addEventListener('skillmark:stats-reset', () => { this.stats.maxTaskMs = 0; this.paintLog = []; });
    if (SKILLMARK_TEST_BUILD) {
      this.doc.addEventListener('skillmark:paint-log', () => { this.host.dataset.paintLog = JSON.stringify(this.paintLog); });
    }
    this.doc.addEventListener('skillmark:stats', () => {
      const e = this.engineRef;
      if (e) {
        this.stats.restarts = e.stats.restarts;
        this.stats.timeouts = e.stats.timeouts;
        this.stats.busyMs = e.stats.busySince ? Math.round(performance.now() - e.stats.busySince) : 0;
      }
      this.host.dataset.stats = JSON.stringify({ ...this.stats, fields: this.fields.size });
    });
  }

  /** Runs `fn`, keeping the longest duration in stats.maxTaskMs. */
  timed(fn) {
    const t0 = performance.now();
    try { return fn(); } finally {
      const d = performance.now() - t0;
      if (d > this.stats.maxTaskMs) this.stats.maxTaskMs = Math.round(d * 10) / 10;
    }
  }

  /** Turned off for the site: everything goes, the engine too, even one still starting. */
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.starting?.dispose();
    this.engineRef?.dispose();
    for (const c of this.fields.values()) c.destroy();
    this.fields.clear();
    this.host.remove();
    this.mo?.forEach((m) => m.disconnect());
    this.scrollRoots?.forEach((r) => r.removeEventListener('scroll', this.onMove, { capture: true }));
    this.win.removeEventListener('scroll', this.onMove, { capture: true });
    this.win.removeEventListener('resize', this.onMove);
    this.win.removeEventListener('pointerup', this.onRelease, true);
    this.win.removeEventListener('pointercancel', this.onRelease, true);
    this.io.disconnect();
    this.ro.disconnect();
    this.onDestroyed?.();
  }

  buildUi() {
    const host = this.doc.createElement('skillmark-ui');
    host.setAttribute('aria-live', 'off');
    // Open so tests can read geometry; it holds nothing the page does not already have.
    this.shadow = host.attachShadow({ mode: 'open' });
    const sheet = new this.win.CSSStyleSheet();
    sheet.replaceSync(uiCss);
    this.shadow.adoptedStyleSheets = [sheet];
    this.layer = this.doc.createElement('div');
    this.layer.className = 'sm-layer';
    this.shadow.append(this.layer);
    this.popover = new Popover(this.shadow, 'sm-pop');
    this.panel = new Popover(this.shadow, 'sm-pop sm-panel');
    this.popover.node.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.closePopover(true); });
    this.panel.node.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.closePanel(true); });
    // A report that lands, or a field that moves, while a button of the panel is pressed waits for
    // the release (and the click it makes): the panel does not move under the pointer mid-click.
    this.panel.node.addEventListener('pointerdown', () => { this.panelHeldAt = performance.now(); });
    this.onRelease = () => {
      if (!this.panelHeldAt) return;
      setTimeout(() => {
        this.panelHeldAt = 0;
        const c = this.panelDeferred;
        this.panelDeferred = null;
        if (c && this.panel.open) this.refreshPanel(c);
        else if (this.panel.open && this.panel.anchor) this.panel.place(this.panel.anchor());
      }, 0);
    };
    this.win.addEventListener('pointerup', this.onRelease, true);
    this.win.addEventListener('pointercancel', this.onRelease, true);
    this.host = host;
    this.doc.documentElement.append(host);
  }

  /** The engine, never on this thread: a dedicated blob: Worker of this page, else (the page's
   * CSP forbids that worker or wasm) a Worker in the extension's own origin. */
  engine() {
    if (this.enginePromise) return this.enginePromise;
    this.enginePromise = (async () => {
      let deadlineMs = DEADLINE_MS;
      if (SKILLMARK_TEST_BUILD) deadlineMs = Number(this.doc.documentElement.dataset.skillmarkTestDeadline) || DEADLINE_MS;
      const opts = { deadlineMs, onRestart: () => this.onEngineRestart() };
      let e = null;
      try {
        e = this.starting = createSupervisedEngine(this.adapter.workerConnect, { ...opts, kind: 'worker' });
        await e.start();
      } catch (err) {
        e?.dispose();
        // Turned off while starting: the start failed because of it, and a page no longer
        // checked gets no fallback engine.
        if (this.destroyed) throw err;
        e = this.starting = createSupervisedEngine(this.adapter.remoteConnect, { ...opts, kind: 'remote' });
        await e.start();
      }
      // The test build: a start made slow on purpose, so a test can turn Skillmark off during it.
      if (SKILLMARK_TEST_BUILD) await new Promise((ok) => setTimeout(ok, Number(this.doc.documentElement.dataset.skillmarkTestStartDelay) || 0));
      this.starting = null;
      if (this.destroyed) { e.dispose(); throw new Error('Skillmark was turned off'); }
      this.engineRef = e;
      this.stats.engine = e.kind;
      this.stats.instantiateMs = Math.round(e.instantiateMs * 10) / 10;
      return e;
    })();
    // Could not start anywhere: the next analysis tries again.
    this.enginePromise.catch(() => { this.enginePromise = null; });
    return this.enginePromise;
  }

  /** The engine was stopped after a missed deadline (and is starting again). */
  onEngineRestart() {
    this.host.dataset.restarts = String(Number(this.host.dataset.restarts || 0) + 1);
  }

  // ---- discovery -------------------------------------------------------------------------

  watch(root) {
    if (this.observed.has(root)) return;
    this.observed.add(root);
    // Scroll events do not leave their frame, and an element's scroll event does not leave its
    // shadow root: follow the scrolling of every container (and frame document) from here.
    if (root !== this.doc) {
      root.addEventListener('scroll', this.onMove, { capture: true, passive: true });
      (this.scrollRoots ??= []).push(root);
    }
    const mo = new MutationObserver(() => this.scheduleScan());
    mo.observe(root, { childList: true, subtree: true, attributes: true,
      attributeFilter: ['contenteditable', 'readonly', 'disabled', 'spellcheck', 'hidden', 'data-skillmark'] });
    (this.mo ??= []).push(mo);
  }

  scheduleScan() {
    if (this.scanTimer) return;
    this.scanTimer = setTimeout(() => { this.scanTimer = 0; this.timed(() => this.scan()); }, 150);
  }

  scan() {
    const found = new Set();
    const visit = (root) => {
      for (const el of root.querySelectorAll('textarea, [contenteditable], body')) {
        const kind = this.fieldKind(el);
        if (kind) found.add(el);
      }
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) { this.watch(el.shadowRoot); visit(el.shadowRoot); }
        if (el.localName === 'iframe' || el.localName === 'frame') {
          let d = null;
          try { d = el.contentDocument; } catch { d = null; }
          if (!el.__smLoad) { el.__smLoad = true; el.addEventListener('load', () => this.scheduleScan()); }
          if (d && d.documentElement) { this.watch(d); visit(d); }
        }
      }
    };
    visit(this.doc);
    for (const [el, c] of this.fields) {
      if (!found.has(el) || !el.isConnected) { c.destroy(); this.fields.delete(el); }
    }
    for (const el of found) {
      const known = this.fields.get(el);
      // A textarea's value set by a script fires no event (a frame filled on its load, say): a
      // scan reads it again. (Editables are followed by their own MutationObserver.)
      if (known?.kind === 'textarea') known.onInput();
      if (!known) {
        const c = new FieldController(this, el, this.fieldKind(el));
        this.fields.set(el, c);
        this.io.observe(el);
        this.ro.observe(el);
      }
    }
  }

  /** 'textarea' | 'editable' | null, honouring the page's opt-outs. */
  fieldKind(el) {
    if (el.getAttribute('data-skillmark') === 'off' || el.closest('[data-skillmark="off"]')) return null;
    if (el.localName === 'textarea') {
      if (el.disabled || el.readOnly) return null;
      if (el.getAttribute('spellcheck') === 'false') return null;
      return 'textarea';
    }
    if (!el.isContentEditable) return null;
    if (el.parentElement && el.parentElement.isContentEditable) return null; // not the editing host
    if (el.getAttribute('role') === 'combobox' || el.getAttribute('aria-readonly') === 'true') return null;
    // spellcheck="false" is a real opt-out on plain fields; rich editors (TinyMCE's iframe body,
    // CKEditor, ...) set it for their own reasons (Harper #3938).
    if (el.getAttribute('spellcheck') === 'false' && !el.matches(KNOWN_EDITOR)) return null;
    return 'editable';
  }

  // ---- rendering ---------------------------------------------------------------------------

  /** Marks one field dirty; all dirty fields render together in the next animation frame. */
  requestRender(c) {
    this.dirty.add(c);
    if (this.frameQueued) return;
    this.frameQueued = true;
    this.win.requestAnimationFrame(() => this.timed(() => this.flush()));
  }

  renderAll() { for (const c of this.fields.values()) this.requestRender(c); }

  flush() {
    this.frameQueued = false;
    const frameAt = performance.now();
    const list = [...this.dirty];
    this.dirty.clear();
    // Reads first (geometry, ranges), then writes (DOM / highlight registry): one layout.
    const plans = list.map((c) => c.measure());
    list.forEach((c, i) => c.paint(plans[i]));
    const docs = new Set(list.filter((c) => c.kind === 'editable').map((c) => c.el.ownerDocument));
    for (const d of docs) this.flushHighlights(d);
    // Timing counters for the benchmark (timestamps and lengths only, never text): marks moved
    // across an edit, and marks of an analysis of the very text now in the field ("fresh"; a
    // report of older text, shifted across the edits since, is not). The test build's paint log
    // has every report painted: [time, length of the text it analysed]. Each is stamped once
    // this frame is painted: in the first task after its rendering (a message to self).
    let shifted = false;
    const reports = [];
    for (const c of list) {
      if (c.inputAt) { shifted = true; c.inputAt = 0; }
      if (!c.reportAt) continue;
      reports.push([c.reportOf === c.text ? c.text.length : -1, c.reportOf.length, c.timeline]);
      c.reportAt = 0;
      c.reportOf = null;
    }
    const drawnAt = performance.now();
    if (shifted || reports.length) this.afterPaint(() => {
      const now = performance.now();
      if (shifted) this.stats.shiftPaintAt = now;
      for (const [fresh, analysed, timeline] of reports) {
        if (fresh >= 0) { this.stats.freshPaintAt = now; this.stats.freshChars = fresh; }
        // [painted, characters analysed, text sent, engine start, engine end, report back,
        //  frame's callback start, its end]
        if (SKILLMARK_TEST_BUILD) {
          const entry = [now, analysed, ...(timeline || [NaN, NaN, NaN, NaN]), frameAt, drawnAt];
          if (fresh >= 0) this.stats.lastTimeline = entry;
          if (this.paintLog.push(entry) > 5000) this.paintLog.shift();
        }
      }
      // (Test builds: the benchmark waits for this rather than polling the page.)
      if (SKILLMARK_TEST_BUILD) this.doc.dispatchEvent(new Event('skillmark:painted'));
    });
    if (this.popover.open && this.popover.anchor) this.popover.place(this.popover.anchor());
    if (this.panel.open && this.panel.anchor && !this.panelHeld()) this.panel.place(this.panel.anchor());
  }

  /** Runs `fn` in the first task after the current frame's rendering (called from the frame's
   * animation-frame callback). */
  afterPaint(fn) {
    if (!this.paintChannel) {
      this.paintChannel = new MessageChannel();
      this.paintQueue = [];
      this.paintChannel.port1.onmessage = () => { const q = this.paintQueue; this.paintQueue = []; for (const f of q) f(); };
    }
    if (this.paintQueue.push(fn) === 1) this.paintChannel.port2.postMessage(0);
  }

  /** Rebuilds the document's Highlight objects from every editable field's ranges. */
  flushHighlights(doc) {
    const reg = doc.defaultView.CSS?.highlights;
    if (!reg) return;
    const W = doc.defaultView;
    const byKind = new Map();
    for (const c of this.fields.values()) {
      if (c.kind !== 'editable' || c.el.ownerDocument !== doc) continue;
      for (const [kind, ranges] of c.ranges) {
        if (!byKind.has(kind)) byKind.set(kind, []);
        byKind.get(kind).push(...ranges);
      }
    }
    const kinds = [...LABELS.map((l) => l.id), ...Object.keys(SEVERITIES), 'focus'];
    kinds.forEach((kind, i) => {
      const ranges = byKind.get(kind) || [];
      const name = highlightName(kind);
      if (!ranges.length) { reg.delete(name); return; }
      const h = new W.Highlight(...ranges);
      h.priority = i;
      reg.set(name, h);
    });
  }

  /** Adds the ::highlight() rules to a document or shadow root, without adding a node. */
  adoptHighlightCss(root) {
    if (!root || root.__smCss) return;
    const W = (root.ownerDocument || root).defaultView;
    const sheet = new W.CSSStyleSheet();
    sheet.replaceSync(highlightCss());
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    root.__smCss = sheet;
  }

  /** Client-coordinate offset of a (same-origin, possibly nested) frame's viewport. */
  frameOffset(doc) { return frameOffset(doc, this.win); }

  setHidden(hidden) {
    this.hidden = hidden;
    this.closePopover(false);
    this.closePanel(false);
    this.host.style.display = hidden ? 'none' : '';
    for (const c of this.fields.values()) {
      if (!hidden) c.scheduleAnalysis(true);
      this.requestRender(c);
    }
  }

  // ---- popover & panel ---------------------------------------------------------------------

  openPopover(c, item, anchor, { focus = true } = {}) {
    this.closePanel(false);
    const rules = this.rulesByCode || {};
    const content = renderPopoverContent(this.doc, { finding: item.finding, rule: item.finding && rules[item.finding.code], label: item.label }, {
      onInsert: (f) => c.applySuggestion(f),
      onCopy: async (f) => {
        const ok = await copyText(f.suggestion.text, this.shadow);
        this.popover.setStatus(ok ? 'Copied to the clipboard.' : 'Could not copy.');
      },
      onDismiss: (f) => { c.dismiss(f); this.closePopover(true); },
      onClose: () => this.closePopover(true),
    });
    this.popover.owner = c;
    this.popover.anchor = anchor;
    this.popover.show(anchor(), content, { focus });
    c.setFocus(item.finding ? item.finding.span : null);
  }

  closePopover(refocus) {
    const c = this.popover.owner;
    this.popover.hide();
    this.popover.owner = null;
    if (c) { c.setFocus(null); if (refocus) c.el.focus({ preventScroll: true }); }
  }

  togglePanel(c) {
    if (this.panel.open && this.panel.owner === c) { this.closePanel(true); return; }
    this.closePopover(false);
    this.panel.owner = c;
    this.panel.anchor = () => c.badgeRect();
    this.refreshPanel(c, true);
  }

  /** A pointer is down on the panel (for at most 2 s: a release the page never saw does not
   * freeze it): reports and moves of its field wait for the release. */
  panelHeld() { return !!this.panelHeldAt && performance.now() - this.panelHeldAt < 2000; }

  refreshPanel(c, focus = false) {
    if (this.panel.owner !== c) return;
    if (!focus && this.panelHeld()) { this.panelDeferred = c; return; }
    const report = c.visibleReport();
    const content = renderPanel(this.doc, report, {
      notice: c.paused ? PAUSED_TEXT : c.tooLong ? TOO_LONG_TEXT : null,
      onOpen: (f) => this.openPopover(c, { finding: f }, () => c.anchorFor(f)),
      onClose: () => this.closePanel(true),
      // (No draft of a note whose check was just stopped: it would stop again.)
      onDraft: c.paused || c.tooLong ? null : () => this.openDraft(c),
      onSoap: c.paused || c.tooLong ? null : () => this.openDraft(c, 'soap'),
    });
    // A report that arrives while the panel is open updates it in place (patchPanel): a click
    // under way, the focus and an opened legend survive it.
    const body = !focus && this.panel.open ? this.panel.node.querySelector(':scope > .sm-panel-body') : null;
    if (body) {
      patchPanel(body, content);
      this.panel.place(this.panel.anchor());
    } else this.panel.show(this.panel.anchor(), content, { focus });
  }

  /** "Draft statement" (`method` 'draft') or "Organise as SOAP" ('soap'): the engine drafts from
   * the note; the draft is shown for review and inserted only on a click, where `draftRange` says
   * (the statement at the caret the field had when the action was chosen; the SOAP draft in place
   * of the note). */
  async openDraft(c, method = 'draft') {
    const caret = c.draftCaret();
    const text = c.readText();
    let draft;
    try { draft = await (await this.engine())[method](text); } catch (e) {
      if (isTimeout(e)) c.pause(text);
      else console.warn('Skillmark could not draft:', e && e.name);
      return;
    }
    this.closePanel(false);
    const content = renderDraftView(this.doc, draft, {
      onInsert: (d) => c.insertDraft(d, text, caret),
      onCopy: async (d) => {
        const ok = await copyText(d.text, this.shadow);
        this.popover.setStatus(ok ? 'Copied to the clipboard.' : 'Could not copy.');
      },
      onClose: () => this.closePopover(true),
    });
    this.popover.owner = c;
    this.popover.anchor = () => c.badgeRect();
    this.popover.show(this.popover.anchor(), content, { focus: true });
    this.host.dataset.drafts = String(Number(this.host.dataset.drafts || 0) + 1);
  }

  closePanel(refocus) {
    const c = this.panel.owner;
    this.panel.hide();
    this.panel.owner = null;
    if (c && refocus) c.badge.focus({ preventScroll: true });
  }
}

class FieldController {
  constructor(app, el, kind) {
    this.app = app;
    this.el = el;
    this.kind = kind;
    this.doc = el.ownerDocument;
    this.visible = false;
    this.text = '';
    this.model = null;
    this.report = null;
    this.paused = false; // a check missed its deadline; resumes on the next edit
    this.tooLong = false; // the note is longer than MAX_CHARS: not checked, the badge says so
    this.pausedText = null;
    this.dismissed = new Set();
    this.ranges = new Map();
    this.focusSpan = null;
    this.queue = createAnalysisQueue((text) => this.runEngine(text));
    this.key = this.fieldKey();
    this.app.adapter.storageGet(`d:${this.key}`).then((v) => {
      if (Array.isArray(v)) { this.dismissed = new Set(v); this.app.requestRender(this); }
    }).catch(() => {});

    const layer = app.layer;
    this.box = app.doc.createElement('div');
    this.box.className = 'sm-field';
    layer.append(this.box);
    if (kind === 'textarea') this.mirror = new TextareaMirror(el, app.shadow);
    else {
      const root = el.getRootNode();
      app.adoptHighlightCss(root.nodeType === 11 ? root : this.doc);
      if (root.nodeType === 11) app.adoptHighlightCss(this.doc);
      this.mo = new MutationObserver((records) => app.timed(() => this.onInput(records)));
      this.mo.observe(el, { characterData: true, childList: true, subtree: true });
    }
    this.badge = app.doc.createElement('button');
    this.badge.type = 'button';
    this.badge.className = 'sm-badge';
    this.badge.textContent = 'SM';
    this.badge.style.display = 'none';
    this.badge.addEventListener('click', () => app.togglePanel(this));
    app.shadow.append(this.badge);

    this.listeners = [
      // Editables are followed by their MutationObserver (it also sees programmatic changes).
      ...(kind === 'textarea' ? [['input', () => app.timed(() => this.onInput())]] : []),
      ['focus', () => this.onInput()],
      ['change', () => this.onInput()],
      ['scroll', () => app.requestRender(this)],
      // Where the caret was when the field lost focus (to the panel): where a draft goes.
      ['blur', () => { this.lastCaret = this.caretOffset(); }],
      ['click', (e) => this.onClick(e)],
    ];
    for (const [t, f] of this.listeners) el.addEventListener(t, f, { passive: true });
    // The shortcut is read before the editor sees the key: on the field's window, capturing.
    // (TinyMCE, on the field itself, takes Alt+Shift+Enter for Enter and splits the line.)
    this.onKey = (e) => { if (e.composedPath().includes(el)) this.onKeyDown(e); };
    this.doc.defaultView.addEventListener('keydown', this.onKey, { capture: true });
    this.readText();
  }

  destroy() {
    for (const [t, f] of this.listeners) this.el.removeEventListener(t, f);
    this.doc.defaultView?.removeEventListener('keydown', this.onKey, { capture: true });
    this.mo?.disconnect();
    this.queue.cancel();
    this.mirror?.remove();
    this.box.remove();
    this.badge.remove();
    this.ranges.clear();
    if (this.kind === 'editable') this.app.flushHighlights(this.doc);
    this.app.io.unobserve(this.el);
    this.app.ro.unobserve(this.el);
    if (this.app.popover.owner === this) this.app.closePopover(false);
    if (this.app.panel.owner === this) this.app.closePanel(false);
  }

  /** A stable, text-free identity for this field: origin + path + frame + its attributes. */
  fieldKey() {
    const el = this.el;
    const loc = this.doc.defaultView.location;
    const same = [...el.getRootNode().querySelectorAll(el.localName)].indexOf(el);
    const id = [loc.origin, loc.pathname, el.localName, el.id, el.getAttribute('name'), el.getAttribute('aria-label'),
      el.className && typeof el.className === 'string' ? el.className.split(/\s+/).filter((c) => !/focus|active/.test(c)).sort().join('.') : '', same].join('|');
    return hash53(id);
  }

  setVisible(v) {
    const was = this.visible;
    this.visible = v;
    if (v && !was) this.scheduleAnalysis(true);
    this.app.requestRender(this);
  }

  /** The field's text now; `records`: the editable's mutations since the last read, when known
   * (the model is then updated in place where they allow it, not built again). */
  readText(records = null) {
    if (this.kind === 'textarea') { this.text = this.el.value; return this.text; }
    this.model = (records && this.model && updateTextModel(this.model, records)) || buildTextModel(this.el);
    this.text = this.model.text;
    return this.text;
  }

  onInput(records = null) {
    const old = this.text;
    const now = this.readText(records);
    if (now === old) return;
    if (this.report) this.report = mapReport(this.report, old, now);
    this.pausedText = null; // an edit: check again (the badge says "paused" until a report comes)
    this.inputAt = performance.now();
    this.app.requestRender(this);
    this.scheduleAnalysis(false);
  }

  scheduleAnalysis(immediate) {
    if (!this.visible || this.app.hidden) return;
    // Paused on this very text: only an edit tries again (not focus, scrolling into view, ...).
    if (this.paused && this.pausedText === this.text) return;
    this.queue.request(() => this.text, (report, text) => this.app.timed(() => this.onReport(report, text)), (e) => this.onEngineError(e), { immediate });
  }

  /** The check of `text` missed its deadline (the engine was restarted): say so on the badge
   * and in the panel, drop the marks (they may be wrong), wait for the next edit. */
  pause(text) {
    this.paused = true;
    this.pausedText = text;
    this.report = null;
    this.app.requestRender(this);
    if (this.app.panel.owner === this) this.app.refreshPanel(this);
  }

  onEngineError(e) {
    if (this.app.destroyed) return; // turned off: its engine was stopped on purpose
    if (isTimeout(e)) { this.pause(this.lastRunText); return; }
    this.app.stats.errors = (this.app.stats.errors || 0) + 1;
    console.warn('Skillmark could not check this field:', e && e.name);
  }

  async runEngine(text) {
    if (text.length > MAX_CHARS) return null;
    this.lastRunText = text;
    const engine = await this.app.engine();
    if (!this.app.rulesByCode) {
      const rules = await engine.rules();
      this.app.rulesByCode = Object.fromEntries(rules.map((r) => [r.code, r]));
    }
    const t0 = performance.now();
    const r = await engine.analyze(text);
    const t1 = performance.now();
    this.app.stats.lastAnalyzeMs = Math.round((t1 - t0) * 100) / 100;
    this.app.stats.lastEngineMs = engine.stats.workerMs;
    // (Test builds: where the time between the text sent and its marks painted goes.)
    if (SKILLMARK_TEST_BUILD) {
      const at = engine.stats.workerAt == null ? NaN : engine.stats.workerAt - performance.timeOrigin;
      this.timeline = [t0, at, at + engine.stats.workerMs, t1];
    }
    this.app.stats.analyses++;
    return r;
  }

  onReport(report, text) {
    if (this.paused) {
      this.paused = false;
      this.pausedText = null;
      if (this.app.panel.owner === this && !report) this.app.refreshPanel(this);
    }
    const tooLong = !report && text.length > MAX_CHARS;
    if (tooLong !== this.tooLong) {
      this.tooLong = tooLong;
      if (this.app.panel.owner === this) this.app.refreshPanel(this);
    }
    if (!report) { this.report = null; this.app.requestRender(this); return; }
    // Typed since the request was made: shift the fresh result across that edit too.
    this.report = text === this.text ? report : mapReport(report, text, this.text);
    this.reportAt = performance.now();
    this.reportOf = text;
    this.app.requestRender(this);
    if (this.app.panel.owner === this) this.app.refreshPanel(this);
  }

  /** The report without dismissed findings. */
  visibleReport() {
    if (!this.report) return null;
    if (this.visCache && this.visCache.report === this.report && this.visCache.n === this.dismissed.size) return this.visCache.value;
    const findings = this.dismissed.size
      ? this.report.findings.filter((f) => !this.dismissed.has(findingKey(f, this.text, this.app.salt)))
      : this.report.findings;
    const value = { ...this.report, findings };
    this.visCache = { report: this.report, n: this.dismissed.size, value };
    return value;
  }

  dismiss(f) {
    this.dismissed.add(findingKey(f, this.text, this.app.salt));
    this.app.adapter.storageSet(`d:${this.key}`, [...this.dismissed].slice(-500)).catch(() => {});
    this.app.requestRender(this);
    if (this.app.panel.owner === this) this.app.refreshPanel(this);
  }

  setFocus(span) {
    this.focusSpan = span;
    this.app.requestRender(this);
  }

  /**
   * Spans to draw: [{kind, start, end}] — labels, inline findings and the focused finding, only
   * those overlapping `win` ([first, last] visible offsets; null = all).
   */
  marks(win) {
    if (this.app.hidden || !this.visible) return [];
    return markSpans(this.visibleReport(), { win, focus: this.focusSpan });
  }

  /** Field rect in the UI layer's client coordinates. */
  fieldRect() {
    const r = this.el.getBoundingClientRect();
    const o = this.app.frameOffset(this.doc);
    return { left: r.left + o.x, top: r.top + o.y, right: r.right + o.x, bottom: r.bottom + o.y, width: r.width, height: r.height };
  }

  badgeRect() {
    const b = this.badge.getBoundingClientRect();
    return b.width ? b : this.fieldRect();
  }

  /** The part of the field the user can see (top-level client coordinates), or null. */
  visibleRect() {
    return visibleRect(this.el, this.app.win, { inner: this.kind === 'textarea' });
  }

  /** Read phase: geometry and ranges for this frame (no DOM writes to the page). */
  measure() {
    const rect = this.visible ? this.fieldRect() : null;
    const vis = rect && this.visibleRect();
    // The badge goes beside the field's visible border box (a textarea's `vis` is its inside), or
    // beside the frame of an editor whose field is a frame's whole body (TinyMCE).
    const box = this.badgeBox();
    const outer = vis && (box !== this.el || this.kind === 'textarea') ? visibleRect(box, this.app.win) || vis : vis;
    if (!vis || !this.report || this.app.hidden) return { rect, vis, outer, boxes: [], ranges: new Map() };
    if (this.kind === 'textarea') {
      this.mirror.sync(this.text, rect);
      // Only what shows through the field and every scrolling ancestor and frame around it.
      const clip = intersect(this.mirror.clip(), vis);
      const marks = this.marks(this.mirror.visibleWindow(clip));
      const boxes = [];
      for (const m of marks) for (const b of this.mirror.rects(m.start, m.end, clip)) boxes.push({ kind: m.kind, ...b });
      return { rect, vis, outer, boxes };
    }
    const marks = this.marks(this.editableWindow(vis));
    const ranges = new Map();
    if (marks.length && this.model) {
      for (const m of marks) {
        const rg = rangeFor(this.model, m.start, m.end, this.doc);
        if (!rg) continue;
        if (!ranges.has(m.kind)) ranges.set(m.kind, []);
        ranges.get(m.kind).push(rg);
      }
    }
    return { rect, vis, outer, ranges };
  }

  /** Visible text offsets of a long editable ([first, last]), from the caret positions at the
   * corners of its visible part (`vis`); null (draw all) for short notes or when unknown. */
  editableWindow(vis) {
    if (!this.model || this.text.length < 2000) return null;
    const o = this.app.frameOffset(this.doc);
    const top = vis.top - o.y + 2;
    const bottom = vis.bottom - o.y - 2;
    const left = vis.left - o.x + 2;
    const right = vis.right - o.x - 2;
    if (bottom <= top) return [0, 0];
    const a = pointAt(this.doc, left, top);
    const b = pointAt(this.doc, right, bottom);
    if (!a || !b || !this.el.contains(a.node) || !this.el.contains(b.node)) return null;
    const s = offsetOf(this.model, this.el, a.node, a.offset);
    const e = offsetOf(this.model, this.el, b.node, b.offset);
    if (s < 0 || e < 0) return null;
    return [Math.max(0, s - 200), e + 200];
  }

  /** Write phase: overlay boxes (textarea), highlight ranges (editable), badge. */
  paint(plan) {
    if (this.kind === 'textarea') {
      syncBoxes(this.app.doc, this.box, plan.boxes);
    } else {
      this.ranges = plan.ranges;
    }
    const r = this.visibleReport();
    const show = plan.vis && (r || this.paused || this.tooLong) && !this.app.hidden && plan.rect.width > 40 && plan.rect.height > 16;
    this.badge.style.display = show ? '' : 'none';
    this.badge.classList.toggle('paused', !!(show && (this.paused || this.tooLong)));
    if (!show) return;
    if (this.paused || this.tooLong) {
      const why = this.paused ? PAUSED_TEXT : TOO_LONG_TEXT;
      this.badge.textContent = this.paused ? 'Checking paused' : 'Too long to check';
      this.badge.classList.remove('bad');
      this.badge.title = why;
      this.badge.setAttribute('aria-label', `Skillmark: ${why} Open details.`);
    } else {
      this.badge.removeAttribute('title');
      const score = checklistScore(r.checklist);
      const errors = r.findings.filter((f) => f.severity === 'error').length;
      const label = `${score}/7${r.findings.length ? ` \u00b7 ${r.findings.length}` : ''}`;
      if (this.badge.textContent !== label) this.badge.textContent = label;
      this.badge.classList.toggle('bad', errors > 0);
      this.badge.setAttribute('aria-label', `Skillmark: ${score} of 7 checks met, ${r.findings.length} findings. Open checklist.`);
    }
    this.placeBadge(plan.outer);
  }

  /** The badge sits beside the field's visible part, over none of the note and none of the
   * page's other content: right of its bottom-right corner, else under that corner, else over
   * the top-right corner, wherever the page shows only the field's surroundings there (not a
   * neighbouring button or label, nor an editor's "Powered by" balloon); when none is free or
   * inside the window, in the visible part's bottom-right corner. */
  placeBadge(vis) {
    const w = this.badge.offsetWidth;
    const h = this.badge.offsetHeight;
    const de = this.app.doc.documentElement;
    const W = de.clientWidth || this.app.win.innerWidth;
    const H = de.clientHeight || this.app.win.innerHeight;
    // Where it was, while the field, the badge and the window keep their geometry (most frames
    // while typing): no hit tests. Looked for again each second all the same, for a page whose
    // content changed around a field that did not move.
    const key = [vis.left, vis.top, vis.right, vis.bottom, w, h, W, H].join();
    const now = performance.now();
    if (key === this.badgeKey && now - this.badgeAt < 1000) return;
    this.badgeKey = key;
    this.badgeAt = now;
    const G = 4;
    const box = this.badgeBox();
    const free = ([l, t]) => l >= 0 && t >= 0 && l + w <= W && t + h <= H
      && isBackdrop(this.app.win, { left: l, top: t, right: l + w, bottom: t + h }, box);
    const spot = [
      [vis.right + G, vis.bottom - h],
      [vis.right - w, vis.bottom + G],
      [vis.right - w, vis.top - h - G],
    ].find(free) || [Math.max(vis.left, vis.right - w - 8), Math.max(vis.top, vis.bottom - h - 14)];
    this.badge.style.left = `${spot[0]}px`;
    this.badge.style.top = `${spot[1]}px`;
  }

  /** The element whose box the badge goes beside: the field, or the frame of an editor whose
   * field is a frame's whole body (TinyMCE). */
  badgeBox() {
    const fe = this.el === this.doc.body ? this.doc.defaultView.frameElement : null;
    return fe || this.el;
  }

  // ---- interaction ---------------------------------------------------------------------------

  /** The start of the field's selection, collapsed or not (-1 when there is none). */
  selectionStartOffset() {
    if (this.kind === 'textarea') return this.el.selectionStart ?? -1;
    const sel = this.el.getRootNode().getSelection?.() || this.doc.getSelection();
    if (!sel || !sel.rangeCount) return -1;
    const r = sel.getRangeAt(0);
    if (!this.el.contains(r.startContainer)) return -1;
    return offsetOf(this.model || buildTextModel(this.el), this.el, r.startContainer, r.startOffset);
  }

  caretOffset() {
    if (this.kind === 'textarea') {
      return this.el.selectionStart === this.el.selectionEnd ? this.el.selectionStart : -1;
    }
    const sel = this.el.getRootNode().getSelection?.() || this.doc.getSelection();
    if (!sel || !sel.rangeCount || !sel.isCollapsed) return -1;
    const r = sel.getRangeAt(0);
    if (!this.el.contains(r.startContainer)) return -1;
    return offsetOf(this.model || buildTextModel(this.el), this.el, r.startContainer, r.startOffset);
  }

  /** The finding (narrowest) or label at an offset. */
  itemAt(offset, { inlineOnly }) {
    const f = findingAt(this.visibleReport(), offset, { inlineOnly });
    return f ? { finding: f } : null;
  }

  onClick(e) {
    if (e.button !== 0 || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return;
    // A click on a mark opens its finding, whatever the editor did with the selection (kept it
    // for a drag, re-selected after an undo, set it late): the mark's boxes under the pointer.
    const hit = this.findingAtPoint(e.clientX, e.clientY);
    if (hit) {
      this.app.openPopover(this, { finding: hit }, () => this.anchorFor(hit), { focus: false });
      return;
    }
    // A click inside an existing selection (the text an undo re-selected, say) collapses it only
    // after the click event, and on a busy page a little later still: read the caret once the
    // browser is done, and look again a few times while the selection has not collapsed yet.
    const look = (tries) => {
      let at = this.caretOffset();
      if (at < 0 && tries > 0) {
        setTimeout(() => look(tries - 1), 40);
        return;
      }
      // Still a selection (the browser took the click for the start of a drag): its start
      // stands for the click, so a click on a selected marked phrase opens its finding.
      if (at < 0) at = this.selectionStartOffset();
      const item = this.itemAt(at, { inlineOnly: true });
      // Opened without taking focus: the therapist may be placing the caret to type.
      if (item) this.app.openPopover(this, item, () => this.anchorFor(item.finding), { focus: false });
      else if (this.app.popover.owner === this) this.app.closePopover(false);
    };
    setTimeout(() => look(5), 0);
  }

  onKeyDown(e) {
    // Alt+Shift+Enter: open the finding at the caret (or the first one).
    if (e.key === 'Enter' && e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey) {
      // Ours in every field we check: the editor never takes it for an Enter.
      e.preventDefault();
      e.stopPropagation();
      const r = this.visibleReport();
      if (!r) return;
      if (!r.findings.length) { this.app.togglePanel(this); return; }
      const item = this.itemAt(this.caretOffset(), { inlineOnly: false }) || { finding: r.findings[0] };
      this.app.openPopover(this, item, () => this.anchorFor(item.finding));
    } else if (e.key === 'Escape' && this.app.popover.owner === this) {
      this.app.closePopover(false);
    }
  }

  /** The boxes of the text [start, end) on screen ({left, top, width, height}, top-level client
   * coordinates). */
  spanRects(start, end) {
    if (this.kind === 'textarea') {
      this.mirror.sync(this.text, this.fieldRect());
      return this.mirror.rects(start, end);
    }
    const rg = this.model && rangeFor(this.model, start, Math.min(end, this.text.length), this.doc);
    if (!rg) return [];
    const o = this.app.frameOffset(this.doc);
    return [...rg.getClientRects()].map((b) => ({ left: b.left + o.x, top: b.top + o.y, width: b.width, height: b.height }));
  }

  /** The narrowest finding drawn in the text whose mark is under the point (client coordinates of
   * the field's frame), or null. */
  findingAtPoint(x, y) {
    const r = this.visibleReport();
    if (!r || !this.visible) return null;
    const o = this.app.frameOffset(this.doc);
    const X = x + o.x;
    const Y = y + o.y;
    const under = (b) => X >= b.left && X <= b.left + b.width && Y >= b.top && Y <= b.top + b.height;
    const hits = r.findings.filter((f) => inlineFinding(f) && this.spanRects(f.span.start16, f.span.end16).some(under));
    hits.sort((a, b) => (a.span.end16 - a.span.start16) - (b.span.end16 - b.span.start16));
    return hits[0] || null;
  }

  /** Where to anchor the popover for a finding: the first box of its span, else the field. */
  anchorFor(f) {
    const rect = this.fieldRect();
    const boxes = f ? this.spanRects(f.span.start16, Math.max(f.span.start16 + 1, f.span.end16)) : [];
    const b = boxes[0];
    if (!b) return { left: rect.left, top: rect.top, bottom: rect.top + 24, right: rect.right };
    return { left: b.left, top: b.top, bottom: b.top + b.height, right: b.left + b.width };
  }

  /** The caret offset for a draft: the live caret, else where it was on blur, else the end. */
  draftCaret() {
    const root = this.el.getRootNode();
    const focused = root.activeElement === this.el || (this.kind === 'editable' && this.el.contains(root.activeElement));
    let off = this.kind === 'textarea' || focused ? this.caretOffset() : -1;
    if (off < 0) off = this.lastCaret ?? -1;
    const len = this.readText().length;
    return off < 0 || off > len ? len : off;
  }

  /** Verified write of `text` over [start, end) (insert.js); counters for the tests carry no text. */
  async write(start, end, text) {
    const target = this.kind === 'textarea' ? textareaTarget(this.el) : editableTarget(this.el, { build: buildTextModel, rangeFor });
    const res = await verifiedInsert(target, { start, end, text });
    this.onInput();
    this.app.host.dataset.inserts = String(Number(this.app.host.dataset.inserts || 0) + 1);
    this.app.host.dataset.lastInsert = res.ok ? `ok:${res.via}` : res.reason;
    if (res.ok) this.scheduleAnalysis(true);
    return res;
  }

  async applySuggestion(f) {
    const s = f.suggestion;
    if (!s) return;
    this.app.closePopover(false);
    const res = await this.write(s.span.start16, s.span.end16, s.text);
    if (res.ok) return res;
    const status = await refusalStatus(res, s.text, { what: 'suggestion', scratch: this.app.shadow });
    this.app.openPopover(this, { finding: f }, () => this.anchorFor(f));
    this.app.popover.setStatus(status);
    return res;
  }

  /** Inserts a reviewed draft of the note `draftedFrom`: a statement at `caret` (nothing is
   * replaced), the SOAP draft in place of the whole note (draftview.js `draftRange`). */
  async insertDraft(d, draftedFrom, caret) {
    if (this.readText() !== draftedFrom) {
      this.app.popover.setStatus(`The note changed since this draft: choose ${draftAction(d)} again.`);
      return { ok: false, reason: 'stale' };
    }
    this.app.closePopover(false);
    const { start, end } = draftRange(d, draftedFrom, caret);
    const res = await this.write(start, end, d.text);
    if (res.ok) return res;
    const status = await refusalStatus(res, d.text, { what: 'draft', scratch: this.app.shadow });
    this.app.popover.owner = this;
    this.app.popover.anchor = () => this.badgeRect();
    this.app.popover.show(this.badgeRect(), renderDraftView(this.app.doc, d, { onClose: () => this.app.closePopover(true) }));
    this.app.popover.setStatus(status);
    return res;
  }
}
