// The extension's "Draft statement" action (panel): the draft shown is the engine's draft of the
// note, nothing is written until Insert, Insert puts exactly that text at the caret through the
// verified write, and Ctrl+Z restores the note. Textarea, plain contenteditable, a model editor
// (ProseMirror) and the strict-CSP page (engine in the background worker).
import { mkdirSync } from 'node:fs';
import { test, expect, openFixture, draft, stats } from './harness.mjs';
import { KINDS, readText, fieldFrame } from './kinds.mjs';

const shots = new URL('../output/screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
const insertCount = (page) => page.evaluate(() => Number(document.querySelector('skillmark-ui').dataset.inserts || 0));

for (const name of ['textarea', 'contenteditable', 'prosemirror', 'csp-textarea']) {
  const kind = KINDS.find((k) => k.name === name);
  test(`${name}: Draft statement shows the engine's draft, inserts it at the caret, Ctrl+Z restores`, async ({ page, server }) => {
    await openFixture(page, server, kind.page);
    const text = await readText(page, kind);
    const d = draft(text);
    const caret = text.indexOf('\n'); // end of the first line
    // Put the caret at the end of the first line, as a user would.
    const f = await fieldFrame(page, kind);
    await f.evaluate(`(() => { ${kind.prelude} el.focus(); })()`);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.locator('skillmark-ui .sm-badge').first().click();
    const panel = page.locator('skillmark-ui .sm-panel:popover-open');
    await panel.locator('button[data-action=draft]').click();
    const pop = page.locator('skillmark-ui .sm-pop:not(.sm-panel):popover-open');
    await expect(pop.locator('.sm-draft')).toBeVisible();
    expect(await pop.locator('.sm-draft-pre').textContent()).toBe(d.text);
    await expect(pop.locator('.sm-trend')).toHaveClass(new RegExp(`sm-trend-${d.trend}`));
    await expect(pop.locator('button[data-action=insert-draft]')).toBeFocused();
    expect(await readText(page, kind)).toBe(text); // shown for review, not inserted
    if (name === 'textarea') await page.screenshot({ path: `${shots}extension-draft.png` });

    const n = await insertCount(page);
    await pop.locator('button[data-action=insert-draft]').click();
    await expect.poll(() => insertCount(page)).toBe(n + 1);
    expect(await page.evaluate(() => document.querySelector('skillmark-ui').dataset.lastInsert)).toMatch(/^ok:/);
    await expect.poll(() => readText(page, kind)).toBe(text.slice(0, caret) + d.text + text.slice(caret));
    await expect(pop).toBeHidden();
    await page.keyboard.press('Control+z');
    await expect.poll(() => readText(page, kind)).toBe(text);
    expect((await stats(page)).engine).toBe(kind.page === 'csp' ? 'remote' : 'worker');
  });
}
