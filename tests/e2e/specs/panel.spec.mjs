// The checklist panel while reports keep landing (issue 23: marks follow each keystroke, so the
// open panel is re-rendered often): a click that is under way when a report re-renders the panel
// is not lost, and the keyboard focus stays on the panel's button.
import { test, expect, openFixture, stats } from './harness.mjs';
import { KINDS, fieldFrame, openPanel } from './kinds.mjs';

const shadowActive = (page) => page.evaluate(() => {
  const a = document.querySelector('skillmark-ui').shadowRoot.activeElement;
  return a ? a.dataset.action || a.className : null;
});

/** Changes the note by a script (the pointer and the focus stay where they are) and resolves once
 * the report of the new text has been taken in (and the panel re-rendered from it). */
async function landReport(page, kind) {
  const before = (await stats(page)).analyses;
  const f = await fieldFrame(page, kind);
  await f.evaluate(`(() => { ${kind.prelude}
    if (el.localName === 'textarea') el.value += ' Pt tolerated tandem stance well.';
    else el.lastElementChild.append(' Pt tolerated tandem stance well.');
    el.dispatchEvent(new Event('input', { bubbles: true })); })()`);
  await expect.poll(async () => (await stats(page)).analyses).toBeGreaterThan(before);
  // The report is delivered in the task that got it; two frames later the panel shows it.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

for (const name of ['textarea', 'tinymce']) {
  const kind = KINDS.find((k) => k.name === name);

  test(`${name}: a click on "Organise as SOAP" is not lost when a report lands between the press and the release`, async ({ page, server }) => {
    // Tall enough for the whole panel (no scrolling inside it while the pointer aims).
    await page.setViewportSize({ width: 1000, height: 1200 });
    await openFixture(page, server, kind.page);
    // No waiting for any report here: the panel is opened as soon as the badge shows.
    const panel = await openPanel(page, kind);
    const soap = panel.locator('button[data-action=soap]');
    // The pointer on the button: in view, and still (the page's frames may move the panel).
    let box = null;
    await expect.poll(async () => {
      const was = box;
      await soap.evaluate((b) => new Promise((ok) => { b.scrollIntoView({ block: 'center' }); requestAnimationFrame(() => requestAnimationFrame(ok)); }));
      box = await soap.boundingBox();
      const hit = await soap.evaluate((b, [x, y]) => b.getRootNode().elementFromPoint(x, y) === b, [box.x + box.width / 2, box.y + box.height / 2]);
      return hit && JSON.stringify(was) === JSON.stringify(box);
    }).toBe(true);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await landReport(page, kind);
    await page.mouse.up();
    await expect(page.locator('skillmark-ui .sm-pop:not(.sm-panel):popover-open .sm-soap')).toBeVisible();
  });

  test(`${name}: the keyboard focus stays on the panel's button when a report lands`, async ({ page, server }) => {
    await openFixture(page, server, kind.page);
    const panel = await openPanel(page, kind);
    await panel.locator('button[data-action=soap]').focus();
    expect(await shadowActive(page)).toBe('soap');
    await landReport(page, kind);
    expect(await shadowActive(page)).toBe('soap');
    await page.keyboard.press('Enter');
    await expect(page.locator('skillmark-ui .sm-pop:not(.sm-panel):popover-open .sm-soap')).toBeVisible();
  });
}
