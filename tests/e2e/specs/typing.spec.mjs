// What a keystroke costs the page (issue 23: marks follow every key, typing must not get slower):
// a textarea's overlay boxes are moved, not rebuilt, and the marks before the edit stay put.
import { test, expect, openFixture, stats } from './harness.mjs';

test('textarea: a keystroke keeps the overlay box nodes; the marks before the edit do not move', async ({ page, server }) => {
  await openFixture(page, server, 'textarea');
  const boxes = () => page.evaluate(() => [...document.querySelector('skillmark-ui').shadowRoot.querySelectorAll('.sm-field .sm-box')]
    .map((b) => `${b.dataset.kind} ${b.style.left} ${b.style.top} ${b.style.width}`));
  await expect.poll(async () => (await boxes()).length).toBeGreaterThan(3);
  // Tag the nodes, then type at the end of the note and wait for that text's fresh marks.
  const before = await boxes();
  await page.evaluate(() => document.querySelector('skillmark-ui').shadowRoot.querySelectorAll('.sm-field .sm-box').forEach((b, i) => { b.__tag = i; }));
  const n = (await stats(page)).analyses;
  await page.focus('#note');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' ok');
  await expect.poll(async () => (await stats(page)).analyses).toBeGreaterThan(n);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const after = await boxes();
  const tags = await page.evaluate(() => [...document.querySelector('skillmark-ui').shadowRoot.querySelectorAll('.sm-field .sm-box')].map((b) => b.__tag));
  // The boxes of the marks before the edit (the first ones) are where they were, and the very
  // nodes they were.
  let same = 0;
  while (same < Math.min(before.length, after.length) && before[same] === after[same]) same++;
  expect(same).toBeGreaterThan(3);
  expect(tags.slice(0, same)).toEqual([...Array(same).keys()]);
});
