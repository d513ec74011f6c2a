// "Remove the placeholder" (the unfilled_placeholder finding's suggestion, whose text is empty)
// removes the placeholder in every field kind, as one undo step (issue 22). The therapist types
// placeholders (inside a line, between two words, on a line of their own) or leaves one with an
// Insert, opens its finding at the caret (Alt+Shift+Enter) and clicks Remove: the placeholder and
// one space beside it go (no double space, which TinyMCE, CKEditor 5 and a plain contenteditable
// wrote back with a no-break space, and which the verified write then took for a refusal), and
// one Ctrl+Z brings it back. An editor that refuses a removal is said to, with no claim that
// anything is on the clipboard.
import { test, expect, openFixture, expectedMarks } from './harness.mjs';
import { KINDS, fieldFrame, readText, openPanel } from './kinds.mjs';
import { NOTE, NOTE_LINES, NOTE_HTML } from '../fixtures/src/note.js';

const PLACEHOLDER = '[measure: e.g. Berg __/56]';
const TYPED = ` Berg ${PLACEHOLDER}.`;

/** The badge text the extension shows for `text` (score and finding count), from the engine. */
function badgeText(text) {
  const r = expectedMarks(text).report;
  const c = r.checklist;
  const score = ['what', 'why', 'how', 'outcome', 'measure', 'time'].filter((l) => c[l]).length + (c.unskilled ? 0 : 1);
  return `${score}/7 \u00b7 ${r.findings.length}`;
}

const badgeTexts = (page) => page.evaluate(() => [...document.querySelector('skillmark-ui').shadowRoot.querySelectorAll('.sm-badge')]
  .filter((b) => b.style.display !== 'none').map((b) => b.textContent));

const insertCount = (page) => page.evaluate(() => Number(document.querySelector('skillmark-ui').dataset.inserts || 0));

/** Puts the caret at `offset` of the note (line by line: a textarea's lines, an editor's blocks). */
async function placeCaret(page, kind, offset) {
  const f = await fieldFrame(page, kind);
  await f.evaluate(`(() => { ${kind.prelude}
    el.focus();
    if (el.localName === 'textarea') { el.setSelectionRange(${offset}, ${offset}); return; }
    const text = paras(el);
    const line = text.slice(0, ${offset}).split('\\n').length - 1;
    let col = ${offset} - (text.lastIndexOf('\\n', ${offset} - 1) + 1);
    const walk = document.createTreeWalker(el.children[line], NodeFilter.SHOW_TEXT);
    let node = walk.nextNode();
    while (node && col > node.data.length) { col -= node.data.length; node = walk.nextNode(); }
    const sel = el.getRootNode().getSelection ? el.getRootNode().getSelection() : document.getSelection();
    sel.collapse(node, col);
  })()`);
}

/** Types `keys` (text, or [key] to press) at the end of the note. */
async function typeAtEnd(page, kind, keys) {
  const f = await fieldFrame(page, kind);
  await f.evaluate(`(() => { ${kind.prelude}
    el.focus();
    if (el.localName === 'textarea') { el.setSelectionRange(el.value.length, el.value.length); return; }
    const sel = el.getRootNode().getSelection ? el.getRootNode().getSelection() : document.getSelection();
    sel.selectAllChildren(el.lastElementChild || el);
    sel.collapseToEnd();
  })()`);
  for (const k of keys) {
    if (Array.isArray(k)) await page.keyboard.press(k[0]); else await page.keyboard.type(k);
  }
}

/** With the caret in a placeholder of `text`: once the check has seen it (the badge counts its
 * finding), Alt+Shift+Enter opens it, Remove gives `removed`, one Ctrl+Z gives `text` back. */
async function removeAtCaret(page, kind, text, removed) {
  await expect.poll(() => badgeTexts(page)).toContain(badgeText(text));
  // (Quill makes edits less than a second apart one undo step, the therapist's own typing too.)
  await page.waitForTimeout(1100);
  await page.keyboard.press('Alt+Shift+Enter');
  const pop = page.locator('skillmark-ui .sm-pop:popover-open');
  await expect(pop).toContainText('Unfilled placeholder');
  // The shortcut is not taken for an Enter by the editor (TinyMCE split the line now and then).
  expect(await readText(page, kind)).toBe(text);
  const button = pop.locator('button[data-action=insert]');
  await expect(button).toHaveText('Remove');
  await expect(pop.locator('button[data-action=copy]')).toHaveCount(0);
  const n = await insertCount(page);
  await button.click();
  await expect.poll(() => insertCount(page)).toBe(n + 1);
  expect(await page.evaluate(() => document.querySelector('skillmark-ui').dataset.lastInsert)).toMatch(/^ok:/);
  await expect.poll(() => readText(page, kind)).toBe(removed);
  await expect(pop).toBeHidden();
  // One undo step: the note as it was, placeholder and all.
  await page.keyboard.press('Control+z');
  await expect.poll(() => readText(page, kind)).toBe(text);
}

// Placeholders inside a line, between two words, and on a line of their own.
const LINES = [`${NOTE_LINES[0]}`, `${NOTE_LINES[1]} Berg ${PLACEHOLDER}.`, '97112 x [units] units', PLACEHOLDER];
const REMOVALS = [
  { at: LINES.slice(0, 2).join('\n').length - 3, removed: [LINES[0], `${NOTE_LINES[1]} Berg.`, ...LINES.slice(2)] },
  { at: LINES.slice(0, 3).join('\n').length - 8, removed: [...LINES.slice(0, 2), '97112 x units', LINES[3]] },
  { at: LINES.join('\n').length - 3, removed: [...LINES.slice(0, 3), ''] },
];

for (const kind of KINDS) {
  test.describe(kind.name, () => {
    test('"Remove the placeholder" removes it inside a line, between words, on its own line; one Ctrl+Z each brings it back', async ({ page, server }) => {
      await openFixture(page, server, kind.page);
      await typeAtEnd(page, kind, [TYPED, ['Enter'], LINES[2], ['Enter'], LINES[3]]);
      const typed = LINES.join('\n');
      await expect.poll(() => readText(page, kind)).toBe(typed);
      for (const r of REMOVALS) {
        await placeCaret(page, kind, r.at);
        await removeAtCaret(page, kind, typed, r.removed.join('\n'));
      }
    });

    test('a placeholder an Insert left is removed by "Remove the placeholder"; one Ctrl+Z brings it back', async ({ page, server }) => {
      await openFixture(page, server, kind.page);
      const s = expectedMarks(NOTE).report.findings.find((x) => x.code === 'missing_how').suggestion;
      const inserted = NOTE.slice(0, s.span.start16) + s.text + NOTE.slice(s.span.end16);
      const panel = await openPanel(page, kind);
      await panel.locator('button[data-code=missing_how]').click();
      const n = await insertCount(page);
      await page.locator('skillmark-ui .sm-pop:popover-open button[data-action=insert]').click();
      await expect.poll(() => insertCount(page)).toBe(n + 1);
      await expect.poll(() => readText(page, kind)).toBe(inserted);
      // The caret is at the end of the insert, the end of its last placeholder: " [correct what]"
      // goes, with the space before it.
      const last = s.text.slice(s.text.lastIndexOf(' ['));
      expect(last).toMatch(/^ \[[^\]]+\]$/);
      await removeAtCaret(page, kind, inserted, inserted.replace(last, ''));
    });
  });
}

test('a removal the editor refuses says so, without claiming a clipboard it did not fill', async ({ page, server, browserCtx }) => {
  await browserCtx.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await openFixture(page, server, 'locked');
  await page.evaluate(() => navigator.clipboard.writeText('what the therapist copied'));
  // The locked editor puts its note back after every input: the placeholder is set without one.
  const withPlaceholder = NOTE_HTML.replace('30 s.</p>', `30 s.${TYPED.trimEnd()}</p>`);
  await page.evaluate((html) => { document.getElementById('note').innerHTML = html; }, withPlaceholder);
  const text = NOTE + TYPED;
  await expect.poll(() => badgeTexts(page)).toContain(badgeText(text));
  await page.evaluate((at) => {
    const el = document.getElementById('note');
    el.focus();
    const t = el.lastElementChild.firstChild;
    document.getSelection().collapse(t, at);
  }, text.lastIndexOf(']') - NOTE.indexOf('\n') - 1);
  await page.keyboard.press('Alt+Shift+Enter');
  const pop = page.locator('skillmark-ui .sm-pop:popover-open');
  await expect(pop).toContainText('Unfilled placeholder');
  await pop.locator('button[data-action=insert]').click();
  await expect(pop.locator('.sm-status')).toContainText('did not take the change');
  await expect(pop.locator('.sm-status')).not.toContainText('clipboard');
  await expect(pop.locator('.sm-status')).toContainText('delete them');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('what the therapist copied');
});
