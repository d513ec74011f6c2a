// The extension in a real Firefox (Debian's ESR, harness.mjs), on the Chrome suite's fixture
// pages, for each field kind: the marks are the CLI's (the label marks and the inline findings),
// the panel's checklist and findings are the CLI's, Insert puts a suggestion exactly and one
// undo restores the note (a suggestion that starts a new line too), and (harness) no request
// leaves the browser. Then: nothing of a note is in the extension's storage after a dismissal; a
// textarea filled by a script is read again; a rejected write goes to the clipboard; an engine
// that hangs (in the page's worker and in the background page's) is stopped; and the leak check
// does see a request sent off the machine. "Organise as SOAP" shows the CLI's SOAP draft with its
// placeholders, writes nothing before Insert, then replaces the note exactly; one undo restores it.
import { mkdirSync } from 'node:fs';
import { test, expect, openFixture, stats, cliReport, cliMarks, inExtension, clickShadow, shadowPoint, ctrl } from './harness.mjs';
import { cliSoap, soapPlaceholders } from '../specs/harness.mjs';
import { KINDS, badgeCentre, fieldFrame, frameOffset, readText as readModel, fieldHtml } from '../specs/kinds.mjs';
import { inlineFinding } from '../../../extension/lib/marks.js';
import { checklistScore } from '../../../extension/lib/panel.js';
import { NOTE, NOTE_LINES } from '../fixtures/src/note.js';

const shots = new URL('../output/screenshots/firefox/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
const TARGET = 'tolerated well';
/**
 * The note as its reader sees it. Firefox writes a line break inside a paragraph as a <br>
 * where Chrome starts a new paragraph, so a line is a paragraph or a <br> (not the invisible
 * <br> that ends a block): for paragraphs read from the DOM, each <br> is a newline; for the
 * editors' models, a hard break (ProseMirror) or soft break (CKEditor 5) is one. A field whose
 * text sits in the field itself, not in paragraphs (Firefox's write over the whole note of a
 * plain contenteditable), is one paragraph.
 */
const LINES = `const paraLines = (el) => [...el.children].map((c) => { let s = '';
  const walk = (n) => { for (const k of n.childNodes) { if (k.nodeType === 3) s += k.data; else if (k.localName === 'br') { if (k.nextSibling) s += '\\n'; } else walk(k); } };
  walk(c); return s; }).join('\\n');
  const lines = (el) => paraLines([...el.childNodes].some((k) => k.nodeType === 3 && k.data.trim()) ? { children: [el] } : el);`;
const READ_LINES = {
  'paras(el)': 'lines(el)',
  [KINDS.find((k) => k.name === 'prosemirror').read]: 'window.view.state.doc.textBetween(0, window.view.state.doc.content.size, "\\n", "\\n")',
  [KINDS.find((k) => k.name === 'tiptap').read]: 'window.editor.state.doc.textBetween(0, window.editor.state.doc.content.size, "\\n", "\\n")',
  [KINDS.find((k) => k.name === 'ckeditor5').read]: '[...window.editor.model.document.getRoot().getChildren()].map((p) => [...p.getChildren()].map((t) => t.is("$text") ? t.data : t.name === "softBreak" ? "\\n" : "").join("")).join("\\n")',
};
const readText = (page, kind) => readModel(page, { ...kind, prelude: `${LINES} ${kind.prelude}`, read: READ_LINES[kind.read] || kind.read });
const KINDS_IN_FIREFOX = ['textarea', 'contenteditable', 'tinymce', 'ckeditor5', 'prosemirror', 'quill', 'tiptap',
  'iframe-textarea', 'iframe-editable', 'shadow-textarea', 'shadow-editable', 'react-textarea', 'csp-textarea', 'csp-editable'];

/** What the CLI's report says must be marked: per label the marked strings, per severity the
 * inline findings' strings (sorted). */
function expectedShown(report, text) {
  const out = {};
  const add = (k, span) => (out[k] ??= []).push(text.slice(span.start16, span.end16));
  for (const a of report.annotations) add(a.label, a.span);
  for (const f of report.findings) if (inlineFinding(f)) add(f.severity, f.span);
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}

/**
 * What the extension shows in the field, read back through the browser: per mark kind the
 * strings under the marks (sorted). Editables: the text of each CSS highlight range inside the
 * field. Textareas: for each overlay box, the characters Firefox itself places under its left
 * and right ends (document.caretPositionFromPoint in the field's frame). Every mark must lie
 * inside the field (`outside` lists those that do not).
 */
async function shownMarks(page, kind) {
  const off = await frameOffset(page, kind);
  if (kind.textarea) {
    const boxes = await page.evaluate(() => [...document.querySelector('skillmark-ui').shadowRoot.querySelectorAll('.sm-box')]
      .map((b) => { const r = b.getBoundingClientRect(); return { kind: b.dataset.kind, left: r.left, right: r.right, top: r.top, bottom: r.bottom }; }));
    const f = await fieldFrame(page, kind);
    return f.evaluate(`(() => { ${kind.prelude}
      const boxes = ${JSON.stringify(boxes)}, off = ${JSON.stringify(off)};
      const root = el.getRootNode();
      const opts = root === document ? undefined : { shadowRoots: [root] };
      const at = (x, y) => { const p = document.caretPositionFromPoint(x - off.x, y - off.y, opts); return p && p.offsetNode === el ? p.offset : -1; };
      const fr = el.getBoundingClientRect();
      const out = { marks: {}, outside: [] };
      const spans = [];
      for (const b of boxes) {
        if (b.kind === 'focus') continue;
        const y = (b.top + b.bottom) / 2;
        const s = at(b.left + 1, y), e = at(b.right - 1, y);
        // A span that wraps has a box per line: the next line's box goes on where this one ends.
        const last = spans[spans.length - 1];
        if (last && last.kind === b.kind && s >= 0 && last.e === s && b.top > last.top) { last.e = e; last.top = b.top; }
        else spans.push({ kind: b.kind, s, e, top: b.top });
        if (b.left - off.x < fr.left - 1 || b.right - off.x > fr.right + 1 || b.top - off.y < fr.top - 1 || b.bottom - off.y > fr.bottom + 1) out.outside.push(b.kind);
      }
      for (const { kind, s, e } of spans) (out.marks[kind] ??= []).push(s < 0 || e < 0 ? '?' : el.value.slice(s, e));
      for (const k in out.marks) out.marks[k].sort();
      return out;
    })()`);
  }
  const f = await fieldFrame(page, kind);
  return f.evaluate(`(() => { ${kind.prelude}
    const out = { marks: {}, outside: [] };
    if (!window.CSS || !CSS.highlights) return { marks: {}, outside: [], noHighlights: true };
    const fr = el.getBoundingClientRect();
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('skillmark-') || name === 'skillmark-focus') continue;
      const k = name.slice(10);
      for (const r of h) {
        if (!el.contains(r.commonAncestorContainer) && r.commonAncestorContainer !== el) continue;
        (out.marks[k] ??= []).push(r.toString());
        const b = r.getBoundingClientRect();
        if (b.left < fr.left - 1 || b.right > fr.right + 1 || b.top < fr.top - 1 || b.bottom > fr.bottom + 1) out.outside.push(k);
      }
    }
    for (const k in out.marks) out.marks[k].sort();
    return out;
  })()`);
}

/** The badge for the CLI's report of `text`: checks met of 7, and the number of findings. */
function cliBadge(text) {
  const r = cliReport(text);
  return `${checklistScore(r.checklist)}/7${r.findings.length ? ` \u00b7 ${r.findings.length}` : ''}`;
}

/** Waits until the field shows exactly the CLI's marks for its current text. */
async function assertMarksAreTheCli(page, kind) {
  await expect(async () => {
    const text = await readText(page, kind);
    const got = await shownMarks(page, kind);
    expect(got.noHighlights, 'CSS Custom Highlight API').toBeFalsy();
    expect(got.marks).toEqual(expectedShown(cliReport(text), text));
    expect(got.outside, 'marks outside the field').toEqual([]);
  }).toPass({ timeout: 20_000 });
}

/** Opens the checklist panel from the badge beside `kind`'s field (a page may have several). */
async function openPanel(page, kind) {
  let c = null;
  await expect.poll(async () => (c = await badgeCentre(page, kind)), { message: 'the field has its badge' }).not.toBeNull();
  await page.mouse.click(c.x, c.y);
  await expect.poll(() => shadowPoint(page, '.sm-panel:popover-open')).not.toBeNull();
}

/** The open panel as the user reads it: checklist chips (label -> ok), findings' text. */
function readPanel(page) {
  return page.evaluate(() => {
    const p = document.querySelector('skillmark-ui').shadowRoot.querySelector('.sm-panel:popover-open');
    return {
      checks: Object.fromEntries([...p.querySelectorAll('.sm-check')].map((c) => [c.dataset.label, c.classList.contains('ok')])),
      findings: [...p.querySelectorAll('.sm-finding')].map((f) => f.textContent),
    };
  });
}

const popoverText = (page) => page.evaluate(() => document.querySelector('skillmark-ui').shadowRoot.querySelector('.sm-pop:not(.sm-panel):popover-open')?.textContent ?? null);
const insertCount = (page) => page.evaluate(() => Number(document.querySelector('skillmark-ui').dataset.inserts || 0));

/** Clicks Insert in the open popover and waits until the extension has verified the write. */
async function clickInsert(page) {
  const n = await insertCount(page);
  await clickShadow(page, '.sm-pop:popover-open button[data-action=insert]');
  await expect.poll(() => insertCount(page)).toBe(n + 1);
  return page.evaluate(() => document.querySelector('skillmark-ui').dataset.lastInsert);
}

/** Page coordinates of the middle of the first mark of `kind` over `words`. */
async function markPoint(page, kind, words) {
  const off = await frameOffset(page, kind);
  if (kind.textarea) {
    // The overlay box whose text is `words` (shownMarks reads each box back the same way).
    const f = await fieldFrame(page, kind);
    const start = (await readText(page, kind)).indexOf(words);
    const p = await f.evaluate(`(() => { ${kind.prelude}
      const root = el.getRootNode();
      const opts = root === document ? undefined : { shadowRoots: [root] };
      const fr = el.getBoundingClientRect();
      for (let y = fr.top + 2; y < fr.bottom - 2; y += 2) for (let x = fr.left + 2; x < fr.right - 2; x += 2) {
        const c = document.caretPositionFromPoint(x, y, opts);
        if (c && c.offsetNode === el && c.offset === ${start + 2}) return { x, y };
      }
      return null;
    })()`);
    return p && { x: p.x + off.x, y: p.y + off.y };
  }
  const f = await fieldFrame(page, kind);
  const p = await f.evaluate(`(() => { ${kind.prelude}
    const h = CSS.highlights.get('skillmark-unskilled');
    const r = h && [...h].find((x) => x.toString() === ${JSON.stringify(words)});
    if (!r) return null;
    const b = r.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  })()`);
  return p && { x: p.x + off.x, y: p.y + off.y };
}

for (const kind of KINDS.filter((k) => KINDS_IN_FIREFOX.includes(k.name))) {
  test.describe(kind.name, () => {
    test('the marks are the CLI\'s; the editor gets no node', async ({ page, server }) => {
      await openFixture(page, server, kind.page);
      const text = await readText(page, kind);
      expect(text).toBe(NOTE);
      const html = await fieldHtml(page, kind);
      await assertMarksAreTheCli(page, kind);
      // A re-render (a resize) keeps them and leaves the editor's DOM as it was.
      await page.setViewport({ width: 990, height: 790 });
      await assertMarksAreTheCli(page, kind);
      expect(await fieldHtml(page, kind)).toBe(html);
      expect(await fieldHtml(page, kind)).not.toMatch(/skillmark|sm-box|sm-badge/);
      expect((await stats(page)).engine).toBe(kind.page === 'csp' ? 'remote' : 'worker');
      await page.screenshot({ path: `${shots}${kind.name}.png` });
    });

    test('the panel\'s checklist and findings are the CLI\'s', async ({ page, server }) => {
      await openFixture(page, server, kind.page);
      const report = cliReport(await readText(page, kind));
      await openPanel(page, kind);
      const panel = await readPanel(page);
      const want = Object.fromEntries(Object.entries(report.checklist).map(([l, v]) => [l, l === 'unskilled' ? !v : !!v]));
      expect(panel.checks).toEqual(want);
      expect(panel.findings.length).toBe(report.findings.length);
      report.findings.forEach((f, i) => expect(panel.findings[i], f.code).toContain(f.source.citation));
      await page.screenshot({ path: `${shots}${kind.name}-panel.png` });
    });

    test('Insert puts the suggestion exactly; one undo restores the note', async ({ page, server }) => {
      await openFixture(page, server, kind.page);
      const text = await readText(page, kind);
      await assertMarksAreTheCli(page, kind);
      const { report } = cliMarks(text);
      const f = report.findings.find((x) => x.code === 'unskilled_wording' && text.slice(x.span.start16, x.span.end16) === TARGET);
      const s = f.suggestion;
      const expected = text.slice(0, s.span.start16) + s.text + text.slice(s.span.end16);
      // A click on the marked words opens their finding.
      const p = await markPoint(page, kind, TARGET);
      expect(p, 'where the marked words are').not.toBeNull();
      await page.mouse.click(p.x, p.y);
      await expect.poll(() => popoverText(page)).toContain(f.message);
      expect(await popoverText(page)).toContain(f.source.citation);
      await page.screenshot({ path: `${shots}${kind.name}-popover.png` });
      expect(await clickInsert(page)).toMatch(/^ok:/);
      await expect.poll(() => readText(page, kind)).toBe(expected);
      expect(await fieldHtml(page, kind)).not.toMatch(/skillmark|sm-box|sm-badge/);
      await assertMarksAreTheCli(page, kind);
      await ctrl(page, 'z');
      await expect.poll(() => readText(page, kind)).toBe(text);
      await assertMarksAreTheCli(page, kind);
    });

    test('an Insert that starts a new line is one undo step', async ({ page, server }) => {
      await openFixture(page, server, kind.page);
      const text = await readText(page, kind);
      await assertMarksAreTheCli(page, kind);
      const f = cliReport(text).findings.find((x) => x.code === 'missing_outcome');
      const s = f.suggestion;
      expect(s.text.startsWith('\n')).toBe(true);
      const expected = text.slice(0, s.span.start16) + s.text + text.slice(s.span.end16);
      await openPanel(page, kind);
      await clickShadow(page, '.sm-panel:popover-open button[data-code=missing_outcome]');
      await expect.poll(() => popoverText(page)).toContain(f.message);
      expect(await clickInsert(page)).toMatch(/^ok:/);
      await expect.poll(() => readText(page, kind)).toBe(expected);
      await ctrl(page, 'z');
      await expect.poll(() => readText(page, kind)).toBe(text);
    });
  });
}

/** Presses a button of the extension's UI from the keyboard (focus, then a trusted Enter): the
 * buttons below the findings sit in the panel's scrolled-off part, where Firefox's pointer
 * actions do not reach them. */
async function pressButton(page, selector) {
  await page.waitForFunction((sel) => !!document.querySelector('skillmark-ui').shadowRoot.querySelector(sel), {}, selector);
  await page.evaluate((sel) => document.querySelector('skillmark-ui').shadowRoot.querySelector(sel).focus(), selector);
  await page.keyboard.press('Enter');
}

/** The open SOAP view as the user reads it: its text, and the placeholders shown (with a box). */
const soapView = (page) => page.evaluate(() => {
  const v = document.querySelector('skillmark-ui').shadowRoot.querySelector('.sm-pop:not(.sm-panel):popover-open .sm-soap');
  return v && { text: v.querySelector('.sm-draft-pre').textContent,
    shown: [...v.querySelectorAll('.sm-ph')].filter((m) => m.getClientRects().length).map((m) => m.textContent) };
});

for (const kind of KINDS.filter((k) => KINDS_IN_FIREFOX.includes(k.name))) {
  test(`${kind.name}: Organise as SOAP shows the CLI's SOAP draft; Insert replaces the note; one undo restores it`, async ({ page, server }) => {
    await openFixture(page, server, kind.page);
    const text = await readText(page, kind);
    const soap = cliSoap(text);
    const placeholders = soapPlaceholders(soap);
    expect(placeholders).toHaveLength(3);
    await assertMarksAreTheCli(page, kind);
    await openPanel(page, kind);
    await pressButton(page, '.sm-panel:popover-open button[data-action=soap]');
    await expect.poll(() => soapView(page)).toEqual({ text: soap.text, shown: placeholders });
    // Nothing is written before the click.
    const n = await insertCount(page);
    await new Promise((r) => setTimeout(r, 300));
    expect(await readText(page, kind)).toBe(text);
    expect(await insertCount(page)).toBe(n);
    await pressButton(page, '.sm-pop:popover-open button[data-action=insert-soap]');
    await expect.poll(() => insertCount(page)).toBe(n + 1);
    expect(await page.evaluate(() => document.querySelector('skillmark-ui').dataset.lastInsert)).toMatch(/^ok:/);
    await expect.poll(() => readText(page, kind)).toBe(soap.text);
    await ctrl(page, 'z');
    await expect.poll(() => readText(page, kind)).toBe(text);
  });
}

test('nothing of the note is stored: a dismissal is a salted hash and survives a reload', async ({ page, server, firefox }) => {
  await openFixture(page, server, 'textarea');
  // The findings counted on the badge (null while it is not shown).
  const count = () => page.evaluate(() => {
    const b = [...document.querySelector('skillmark-ui')?.shadowRoot.querySelectorAll('.sm-badge') || []].find((x) => x.style.display !== 'none');
    return b ? Number(b.textContent.split('\u00b7')[1]) : null;
  });
  const n = await count();
  await page.focus('#note');
  await page.evaluate(() => document.getElementById('note').setSelectionRange(30, 30));
  await page.keyboard.down('Alt');
  await page.keyboard.down('Shift');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Alt');
  await expect.poll(() => popoverText(page)).toContain('Tolerated well');
  await clickShadow(page, '.sm-pop:popover-open button[data-action=dismiss]');
  await expect.poll(count).toBe(n - 1);
  await page.reload();
  await page.waitForFunction(() => window.editorReady === true);
  await expect.poll(count).toBe(n - 1);
  const stored = await inExtension(firefox, async () => JSON.stringify({
    local: await browser.storage.local.get(null), session: await browser.storage.session.get(null) }));
  const { local, session } = JSON.parse(stored);
  // Only the salt and the dismissals (salted hashes), keyed by a hash of the field.
  expect(Object.keys(local).filter((k) => k !== 'salt' && !/^d:\w+$/.test(k))).toEqual([]);
  expect(Object.keys(local).filter((k) => k.startsWith('d:')).length).toBe(1);
  // No word of the note (nor of a suggestion) in either storage area.
  const words = [...new Set(`${NOTE} ${cliReport(NOTE).findings.map((f) => f.suggestion?.text || '').join(' ')}`.match(/[A-Za-z]{5,}/g))];
  for (const w of words) expect(stored.toLowerCase(), `"${w}" stored`).not.toContain(w.toLowerCase());
  expect(session).toEqual({});
  await inExtension(firefox, () => browser.storage.local.clear());
});

// A page that sets a textarea's value from a script fires no input event (the iframe fixture
// fills its frame on load, which Firefox may run after the extension first read the field).
// The extension reads the field again when the page changes.
test('a textarea filled by a script is checked again when the page changes', async ({ page, server }) => {
  await openFixture(page, server, 'textarea');
  const kind = KINDS.find((k) => k.name === 'textarea');
  const other = 'Gait training 10 min with min A and verbal cues for step length, to improve safety on stairs.';
  const badge = () => page.evaluate(() => [...document.querySelector('skillmark-ui').shadowRoot.querySelectorAll('.sm-badge')]
    .find((b) => b.style.display !== 'none')?.textContent);
  await expect.poll(badge).toBe(cliBadge(NOTE));
  expect(cliBadge(other)).not.toBe(cliBadge(NOTE));
  await page.evaluate((t) => { document.getElementById('note').value = t; document.body.append(document.createElement('div')); }, other);
  await expect.poll(badge).toBe(cliBadge(other));
  await assertMarksAreTheCli(page, kind);
});

// Firefox gives a content script the clipboard only inside a user's gesture: the Insert click.
test('a write the editor rejects is undone and the suggestion goes to the clipboard', async ({ page, server }) => {
  await openFixture(page, server, 'locked');
  const kind = { ...KINDS.find((k) => k.name === 'contenteditable'), page: 'locked' };
  await assertMarksAreTheCli(page, kind);
  const f = cliReport(NOTE).findings.find((x) => x.code === 'unskilled_wording' && x.span.start16 === NOTE.indexOf(TARGET));
  const p = await markPoint(page, kind, TARGET);
  await page.mouse.click(p.x, p.y);
  await expect.poll(() => popoverText(page)).toContain(f.message);
  expect(await clickInsert(page)).toBe('mismatch');
  await expect.poll(() => popoverText(page)).toContain('clipboard');
  expect(await readText(page, kind)).toBe(NOTE);
  // Paste it (a real Ctrl+V) into a scratch field: the clipboard holds the suggestion.
  await page.evaluate(() => { const t = document.createElement('textarea'); t.id = 'scratch'; t.spellcheck = false; document.body.append(t); });
  await page.focus('#scratch');
  await ctrl(page, 'v');
  await expect.poll(() => page.evaluate(() => document.getElementById('scratch').value)).toBe(f.suggestion.text);
});

// Firefox starts the engine's worker from a blob: URL in the page, or (strict CSP) from the
// extension's URL in its background page; either is stopped when an analysis misses its deadline.
for (const [fixture, engine] of [['hang', 'worker'], ['hang-csp', 'remote']]) {
  test(`an engine that hangs (${engine}) is stopped: checking pauses, the page responds, the next edit checks again`, async ({ page, server }) => {
    await openFixture(page, server, fixture);
    const badge = () => page.evaluate(() => document.querySelector('skillmark-ui').shadowRoot.querySelector('.sm-badge').textContent);
    await expect.poll(badge).toMatch(/\/7/);
    expect((await stats(page)).engine).toBe(engine);
    await page.focus('#note');
    await page.evaluate(() => { const t = document.getElementById('note'); t.setSelectionRange(t.value.length, t.value.length); });
    await page.keyboard.type(' SKILLMARK_TEST_HANG');
    await expect.poll(async () => (await stats(page)).busyMs, { intervals: [20] }).toBeGreaterThan(250);
    // While the engine loops, a click on the page still reaches its handler.
    const clicks = await page.evaluate(() => window.clicks);
    await page.click('#ping');
    await expect.poll(() => page.evaluate(() => window.clicks), { timeout: 1000 }).toBe(clicks + 1);
    await expect.poll(badge, { timeout: 15_000 }).toMatch(/paused/i);
    expect((await stats(page)).restarts).toBeGreaterThan(0);
    await page.evaluate(() => document.getElementById('note').select());
    await page.keyboard.type(NOTE_LINES[0]);
    await expect.poll(badge).toBe(cliBadge(NOTE_LINES[0]));
    expect((await stats(page)).engine).toBe(engine);
  });
}

// The leak check itself: a request for another host is seen by the proxy (and refused).
test('the harness sees a request that would leave the machine', async ({ firefox }) => {
  const page = await firefox.browser.newPage();
  const before = firefox.leaks.length;
  try {
    await page.evaluate(() => fetch('http://leak-probe.skillmark.test/note?text=x').catch(() => null));
    await expect.poll(() => firefox.leaks.slice(before)).toEqual(['GET http://leak-probe.skillmark.test/note?text=x']);
  } finally {
    firefox.leaks.splice(before);
    await page.close();
  }
});

// ---- Issue 22: Firefox rough edges ---------------------------------------------------------

/** Sends `msg` to the fixture tab at `url` from the extension's page, as the popup does. */
const toTab = (firefox, url, msg) => inExtension(firefox, async (u, m) => {
  const tab = (await browser.tabs.query({ url: 'http://127.0.0.1/*' })).find((t) => t.url === u);
  await browser.tabs.sendMessage(tab.id, m);
}, url, msg);
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const shownBadge = (page) => page.evaluate(() => [...document.querySelector('skillmark-ui')?.shadowRoot.querySelectorAll('.sm-badge') || []]
  .find((b) => b.style.display !== 'none')?.textContent ?? null);

// The popup's "Turn off" sends 'disable' to the page; its "Turn on" runs content.js in the tab
// again (scripting.executeScript; the permission prompt itself cannot be clicked by a test). It
// did nothing until the page was reloaded, twice over: Firefox resolved the script's relative
// path against the popup's page (popup/content.js: no such file), and a second run found the
// first run's start flag and returned.
test('turned off and on again for the site, Skillmark checks the note again without a reload', async ({ page, server, firefox }) => {
  await openFixture(page, server, 'textarea');
  await expect.poll(() => shownBadge(page)).toBe(cliBadge(NOTE));
  const url = page.url();
  await page.evaluate(() => { window.notReloaded = true; });
  await toTab(firefox, url, { type: 'disable' });
  await expect.poll(() => page.evaluate(() => !!document.querySelector('skillmark-ui'))).toBe(false);
  // A second 'disable' (and a 'hide') to the turned-off page is harmless.
  await toTab(firefox, url, { type: 'hide', hidden: false });
  // The popup's own code after the permission prompt (popup/logic.js startInTab), run in the
  // popup's page as the popup runs it.
  await inExtension(firefox, async (u) => {
    const tab = (await browser.tabs.query({ url: 'http://127.0.0.1/*' })).find((t) => t.url === u);
    const { startInTab } = await import('./logic.js');
    await startInTab(browser, tab);
    // The test build's static content script already covers the test origin: drop the
    // registration startInTab made, so later tests load one script as before.
    await browser.scripting.unregisterContentScripts({ ids: ['sm:http://127.0.0.1/*'] }).catch(() => {});
  }, url);
  await expect.poll(() => shownBadge(page), { timeout: 20_000 }).toBe(cliBadge(NOTE));
  await assertMarksAreTheCli(page, KINDS.find((k) => k.name === 'textarea'));
  expect(await page.evaluate(() => window.notReloaded)).toBe(true);
  expect(await page.evaluate(() => document.querySelectorAll('skillmark-ui').length)).toBe(1);
});

// An engine still starting when Skillmark is turned off for the site goes with it. The strict-CSP
// page's engine is a worker of the background page, which counts them (the test build); its
// start is made 3 s slower (#slow-start). Before, the starting engine was not disposed (the app
// knew only a started one), so its worker stayed for as long as the tab.
test('an engine turned off while it starts is stopped with it', async ({ page, server, firefox }) => {
  const engines = () => inExtension(firefox, async () => (await browser.runtime.sendMessage({ type: 'test-engines' })).engines);
  const before = await engines();
  await page.goto(`${server.origin}/hang-csp.html#slow-start`);
  await page.waitForFunction(() => window.editorReady === true);
  // Starting: the worker is up in the background page, the page's app is still waiting for it.
  await expect.poll(engines, { timeout: 10_000 }).toBe(before + 1);
  expect(String(await shownBadge(page))).not.toMatch(/\/7/);
  await toTab(firefox, page.url(), { type: 'disable' });
  await expect.poll(() => page.evaluate(() => !!document.querySelector('skillmark-ui'))).toBe(false);
  await expect.poll(engines, { timeout: 5000 }).toBe(before);
  // ... and stays stopped once the slow start would have ended.
  await sleep(3500);
  expect(await engines()).toBe(before);
});

// The panel, scrolled down (a small window: its findings do not fit), keeps its place when it is
// placed again (a page scroll, a window resize) and when a new report refreshes it. A guard for
// the "panel's scroll jumps" report: not reproduced on Firefox ESR 153 (this passes on the build
// before issue 22's fixes too), nor by a wheel past the panel's end or a scrolled page.
test('a scrolled panel keeps its place when the page scrolls and when the note changes', async ({ page, server }) => {
  await page.setViewport({ width: 900, height: 420 });
  await openFixture(page, server, 'textarea');
  const kind = KINDS.find((k) => k.name === 'textarea');
  await openPanel(page, kind);
  const panel = (js) => page.evaluate(`(() => { const p = document.querySelector('skillmark-ui').shadowRoot.querySelector('.sm-panel:popover-open'); return ${js}; })()`);
  expect(await panel('p.scrollHeight > p.clientHeight + 100'), 'the panel scrolls').toBe(true);
  // A real wheel over the panel.
  const p = await shadowPoint(page, '.sm-panel:popover-open');
  await page.mouse.move(p.x, p.y);
  await page.mouse.wheel({ deltaY: 240 });
  await expect.poll(() => panel('p.scrollTop')).toBeGreaterThan(100);
  const top = await panel('p.scrollTop');
  // The page scrolls (the panel is placed again) ...
  await page.evaluate(() => { document.body.style.minHeight = '3000px'; window.scrollBy(0, 5); });
  await sleep(300);
  expect(await panel('p.scrollTop')).toBe(top);
  // ... the window is resized ...
  await page.setViewport({ width: 880, height: 420 });
  await sleep(300);
  expect(await panel('p.scrollTop')).toBe(top);
  // ... and a new report refreshes it (a script changes the note; the page changes).
  const before = await shownBadge(page);
  const other = `${NOTE}\nPt did well.`;
  await page.evaluate((t) => { document.getElementById('note').value = t; document.body.append(document.createElement('div')); }, other);
  await expect.poll(() => shownBadge(page)).toBe(cliBadge(other));
  expect(cliBadge(other)).not.toBe(before);
  await sleep(300);
  expect(await panel('p.scrollTop')).toBeGreaterThan(top - 40);
});
