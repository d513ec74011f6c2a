// The extension's "Organise as SOAP" action (panel, beside "Draft statement"), in every field
// kind: the text shown is what `skillmark draft --soap` says of the note, with each missing
// part's [placeholder] visible; nothing is written until Insert; Insert puts exactly that text in
// place of the note (wherever the caret was); one Ctrl+Z brings the note back exactly; and
// (harness) no request leaves the machine.
import { mkdirSync } from 'node:fs';
import { test, expect, openFixture, cliSoap, soapPlaceholders } from './harness.mjs';
import { KINDS, fieldFrame, readText, openPanel } from './kinds.mjs';

const shots = new URL('../output/screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
const ui = (page, key) => page.evaluate((k) => document.querySelector('skillmark-ui').dataset[k], key);
const insertCount = async (page) => Number((await ui(page, 'inserts')) || 0);

for (const kind of KINDS) {
  test(`${kind.name}: Organise as SOAP shows the CLI's SOAP draft; Insert replaces the note; one Ctrl+Z restores it`, async ({ page, server }) => {
    await openFixture(page, server, kind.page);
    const text = await readText(page, kind);
    const soap = cliSoap(text);
    // The fixture note lacks S, A and P: three placeholders to keep visible.
    expect(soap.missing).toEqual(['subjective', 'assessment', 'plan']);
    const placeholders = soapPlaceholders(soap);
    expect(placeholders).toEqual(soap.text.match(/\[[^\]]*\]/g));
    // The caret in the middle of the first line: the SOAP draft replaces the whole note anyway.
    const f = await fieldFrame(page, kind);
    await f.evaluate(`(() => { ${kind.prelude} el.focus(); })()`);
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');

    const panel = await openPanel(page, kind);
    // Beside "Draft statement".
    await expect(panel.locator('.sm-draft-row button')).toHaveText(['Draft statement', 'Organise as SOAP']);
    await panel.locator('button[data-action=soap]').click();
    const pop = page.locator('skillmark-ui .sm-pop:not(.sm-panel):popover-open');
    const view = pop.locator('.sm-draft.sm-soap');
    await expect(view).toBeVisible();
    expect(await view.locator('.sm-draft-pre').textContent()).toBe(soap.text);
    await expect(view.locator('.sm-ph')).toHaveText(placeholders);
    for (const ph of await view.locator('.sm-ph').all()) await expect(ph).toBeVisible();
    await expect(view.locator('.sm-review')).toContainText('replace the 3 [bracketed] parts');
    const insert = view.locator('button[data-action=insert-soap]');
    await expect(insert).toBeFocused();

    // Shown for review: nothing is written without the click.
    const n = await insertCount(page);
    await page.waitForTimeout(300);
    expect(await readText(page, kind)).toBe(text);
    expect(await insertCount(page)).toBe(n);
    if (kind.name === 'textarea') await page.screenshot({ path: `${shots}extension-soap.png` });

    await insert.click();
    await expect.poll(() => insertCount(page)).toBe(n + 1);
    expect(await ui(page, 'lastInsert')).toMatch(/^ok:/);
    await expect.poll(() => readText(page, kind)).toBe(soap.text);
    await expect(pop).toBeHidden();
    await page.keyboard.press('Control+z');
    await expect.poll(() => readText(page, kind)).toBe(text);
  });
}

test('a note changed after Organise as SOAP is not replaced by its stale draft', async ({ page, server }) => {
  const kind = KINDS.find((k) => k.name === 'textarea');
  await openFixture(page, server, kind.page);
  const text = await readText(page, kind);
  const panel = await openPanel(page, kind);
  await panel.locator('button[data-action=soap]').click();
  const view = page.locator('skillmark-ui .sm-pop:not(.sm-panel):popover-open .sm-soap');
  await expect(view).toBeVisible();
  // Typed into the note meanwhile (by a script: the view keeps the focus).
  await page.evaluate(() => { const el = document.getElementById('note'); el.value += ' Q'; el.dispatchEvent(new Event('input')); });
  const n = await insertCount(page);
  await view.locator('button[data-action=insert-soap]').click();
  await expect(view.locator('.sm-status')).toHaveText('The note changed since this draft: choose Organise as SOAP again.');
  expect(await readText(page, kind)).toBe(`${text} Q`);
  expect(await insertCount(page)).toBe(n);
});
