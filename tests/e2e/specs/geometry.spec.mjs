// Geometry (issue 12): marks sit on the engine's spans in textareas of every box model, before
// and after scrolling every scrolling ancestor (the field, a frame's document, a container in a
// shadow root); a long TinyMCE note keeps its marks and a reachable badge when its body scrolls;
// the checklist panel fits a 1280 x 720 window for fields at the top, middle and bottom; a
// new-line suggestion in CKEditor 5 is one undo step; an over-long note says so in its badge.
//
// The reference for a textarea is the browser itself: document.caretPositionFromPoint() gives
// the caret offset the field puts at a point, so a binary search finds where each character of
// the engine's span really is (line box and character midpoints; half the character's width,
// from the field's own font, gives the edge). Drawn boxes must be within 2 px of it.
import { mkdirSync } from 'node:fs';
import { test, expect, openFixture, analyze } from './harness.mjs';
import { browserGeometry } from './caret.mjs';

const shots = new URL('../output/screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
const LABELS = new Set(['what', 'why', 'how', 'outcome', 'measure', 'time', 'unskilled']);
const TOL = 2;

const ui = (page, fn, arg) => page.evaluate(fn, arg);

/** The label boxes drawn by the extension, in top-level client coordinates. */
const drawnBoxes = (page) => ui(page, () => [...document.querySelector('skillmark-ui').shadowRoot.querySelectorAll('.sm-box')]
  .map((b) => { const r = b.getBoundingClientRect(); return { kind: b.dataset.kind, left: r.left, top: r.top, right: r.right, bottom: r.bottom }; }));

/** Hides / shows the extension's UI (so hit-testing sees only the page). */
const setUiHidden = (page, hidden) => ui(page, (h) => { document.querySelector('skillmark-ui').style.visibility = h ? 'hidden' : ''; }, hidden);

/** A field: frame selector (or none), shadow host selector (or none), element id. */
async function frameOf(page, field) {
  if (!field.frame) return page.mainFrame();
  return (await page.waitForSelector(field.frame)).contentFrame();
}

async function frameOffset(page, field) {
  if (!field.frame) return { x: 0, y: 0 };
  return ui(page, (sel) => {
    const f = document.querySelector(sel);
    const r = f.getBoundingClientRect();
    return { x: r.left + f.clientLeft, y: r.top + f.clientTop };
  }, field.frame);
}

/** Checks every engine label span of `field` against the drawn boxes; returns how many edges were compared. */
async function checkField(page, field) {
  const f = await frameOf(page, field);
  const text = await f.evaluate(({ host, id }) => (host ? document.querySelector(host).shadowRoot : document).getElementById(id).value, field);
  const ann = analyze(text, undefined).annotations.filter((a) => LABELS.has(a.label) && a.span.end16 > a.span.start16);
  const boxes = (await drawnBoxes(page)).filter((b) => LABELS.has(b.kind));
  await setUiHidden(page, true);
  let geo;
  try {
    geo = await f.evaluate(browserGeometry, { ...field, spans: ann.map((a) => [a.span.start16, a.span.end16]) });
  } finally { await setUiHidden(page, false); }
  const o = await frameOffset(page, field);
  const vis = { left: geo.vis.left + o.x, top: geo.vis.top + o.y, right: geo.vis.right + o.x, bottom: geo.vis.bottom + o.y };
  const bad = [];
  let compared = 0;
  ann.forEach((a, i) => {
    const words = JSON.stringify(text.slice(a.span.start16, a.span.end16));
    for (const [side, g] of [['start', geo.spans[i].start], ['end', geo.spans[i].end]]) {
      if (!g || g.top + o.y < vis.top || g.bottom + o.y > vis.bottom) continue;
      const x = g.x + o.x;
      const cy = (g.top + g.bottom) / 2 + o.y;
      // Only edges well inside the visible part: a box is clipped at the field's edge.
      if (x < vis.left + TOL || x > vis.right - TOL) continue;
      compared++;
      const ok = boxes.some((b) => b.kind === a.label && Math.abs((b.top + b.bottom) / 2 - cy) <= TOL
        && Math.abs((side === 'start' ? b.left : b.right) - x) <= TOL);
      if (!ok) {
        const near = boxes.filter((b) => b.kind === a.label).sort((p, q) => Math.hypot(p.left - x, p.top - cy) - Math.hypot(q.left - x, q.top - cy))[0];
        bad.push(`${field.id} ${a.label} ${words} ${side}: browser x=${x.toFixed(1)} y=${cy.toFixed(1)}, nearest box ${near ? `${near.left.toFixed(1)}-${near.right.toFixed(1)} @${((near.top + near.bottom) / 2).toFixed(1)}` : 'none'}`);
      }
    }
  });
  return { bad, compared, vis, boxes };
}

/** Marks of every field agree with the browser (retried while the extension catches up). */
async function expectMarksRight(page, fields, minCompared = 6) {
  await expect(async () => {
    for (const field of fields) {
      const { bad, compared } = await checkField(page, field);
      expect(bad, `${field.id}: marks off the browser's own layout`).toEqual([]);
      expect(compared, `${field.id}: edges compared`).toBeGreaterThanOrEqual(minCompared);
    }
  }).toPass({ timeout: 8_000 });
}

/** No drawn box outside the visible part of any of `fields`. */
async function expectBoxesInside(page, fields) {
  const regions = [];
  for (const field of fields) regions.push((await checkField(page, field)).vis);
  const boxes = await drawnBoxes(page);
  expect(boxes.length).toBeGreaterThan(0);
  for (const b of boxes) {
    expect(regions.some((v) => b.left >= v.left - 1 && b.right <= v.right + 1 && b.top >= v.top - 1 && b.bottom <= v.bottom + 1),
      `box ${JSON.stringify(b)} inside a visible field`).toBe(true);
  }
}

/** Visible badges (top-level client rects). */
const badgeRects = (page) => ui(page, () => [...document.querySelector('skillmark-ui').shadowRoot.querySelectorAll('.sm-badge')]
  .filter((b) => b.style.display !== 'none').map((b) => { const r = b.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, text: b.textContent }; }));

/** Distance between two boxes ({left, top, right, bottom}); 0 when they overlap. */
const gap = (a, b) => Math.hypot(Math.max(0, a.left - b.right, b.left - a.right), Math.max(0, a.top - b.bottom, b.top - a.bottom));
const overlaps = (a, b) => a.left < b.right - 0.5 && a.right > b.left + 0.5 && a.top < b.bottom - 0.5 && a.bottom > b.top + 0.5;

/** The field's badge lies beside the visible part of the field, over none of it (issue 22). */
async function expectBadgeBeside(page, field) {
  await expect(async () => {
    const { vis } = await checkField(page, field);
    const beside = (await badgeRects(page)).filter((b) => gap(b, vis) < 30 && !overlaps(b, vis));
    expect(beside.length, `a badge beside ${JSON.stringify(vis)}`).toBe(1);
  }).toPass({ timeout: 5_000 });
}

const scrollField = (page, field, frac) => frameOf(page, field).then((f) => f.evaluate(({ host, id, frac: q }) => {
  const el = (host ? document.querySelector(host).shadowRoot : document).getElementById(id);
  el.scrollTop = Math.round((el.scrollHeight - el.clientHeight) * q);
}, { ...field, frac }));

test.describe('textarea marks on the browser\'s own layout', () => {
  const FIELDS = ['cb', 'bb', 'mono', 'styled', 'nowrap'].map((id) => ({ id }));

  test('content-box and border-box, padding, borders, scrollbars, fonts; field scrolled', async ({ page, server }) => {
    await openFixture(page, server, 'geometry');
    const sizes = await ui(page, (ids) => ids.map((id) => {
      const el = document.getElementById(id);
      const cs = getComputedStyle(el);
      return { box: cs.boxSizing, scrolls: el.scrollHeight > el.clientHeight,
        bar: el.offsetWidth - el.clientWidth - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth) };
    }), FIELDS.map((f) => f.id));
    expect(sizes.map((s) => s.box)).toEqual(['content-box', 'border-box', 'content-box', 'border-box', 'content-box']);
    for (const s of sizes) expect(s.scrolls && s.bar > 5).toBe(true);
    await expectMarksRight(page, FIELDS);
    for (const field of FIELDS) await scrollField(page, field, 0.5);
    await expectMarksRight(page, FIELDS);
    await expectBoxesInside(page, [...FIELDS, { id: 'rtl' }]);
    await page.screenshot({ path: `${shots}geometry-textareas-scrolled.png` });
    for (const field of FIELDS) await scrollField(page, field, 1);
    await expectMarksRight(page, FIELDS);
  });

  // The right-to-left field (scrollbar on the left, bidi reordering) is checked by clicks only:
  // the caret-midpoint probe assumes left-to-right lines.
  for (const id of ['cb', 'rtl']) {
    test(`a click on a mark puts the caret inside its span (${id})`, async ({ page, server }) => {
      await openFixture(page, server, 'geometry');
      const field = { id };
      await scrollField(page, field, 0.4);
      const text = await page.evaluate((i) => document.getElementById(i).value, id);
      const ann = analyze(text, undefined).annotations;
      const mine = async () => {
        const { boxes, vis } = await checkField(page, field);
        return { vis, boxes: boxes.filter((x) => x.left >= vis.left && x.right <= vis.right && x.top >= vis.top && x.bottom <= vis.bottom) };
      };
      await expect.poll(async () => (await mine()).boxes.filter((x) => LABELS.has(x.kind)).length).toBeGreaterThan(10);
      const { boxes, vis } = await mine();
      // Wide label boxes fully inside the field that no other label's box overlaps.
      const targets = boxes.filter((x) => LABELS.has(x.kind) && x.right - x.left > 30 && x.top > vis.top + 2 && x.bottom < vis.bottom - 2
        && !boxes.some((y) => y !== x && y.kind !== x.kind && y.left < x.right && y.right > x.left && y.top < x.bottom && y.bottom > x.top));
      expect(targets.length).toBeGreaterThan(3);
      for (const b of targets.slice(0, 5)) {
        await page.mouse.click((b.left + b.right) / 2, (b.top + b.bottom) / 2);
        const caret = await page.evaluate((i) => document.getElementById(i).selectionStart, id);
        const spans = ann.filter((x) => x.label === b.kind && caret > x.span.start16 && caret < x.span.end16);
        expect(spans.length, `caret ${caret} after a click on a ${b.kind} mark`).toBeGreaterThan(0);
        await page.keyboard.press('Escape');
      }
      if (id === 'cb') await expectMarksRight(page, [field]);
    });
  }
});

test('marks follow a scrolling frame document', async ({ page, server }) => {
  await openFixture(page, server, 'scroll-frame');
  const field = { frame: '#frame', id: 'note' };
  await expectMarksRight(page, [field], 4);
  await expectBadgeBeside(page, field);
  const f = await frameOf(page, field);
  await f.evaluate(() => window.scrollBy(0, 90));
  await expectMarksRight(page, [field], 4);
  await expectBadgeBeside(page, field);
  await expectBoxesInside(page, [field]);
  await page.screenshot({ path: `${shots}geometry-frame-scrolled.png` });
  await scrollField(page, field, 0.5);
  await expectMarksRight(page, [field], 4);
});

test('marks follow a scrolling container in a shadow root', async ({ page, server }) => {
  await openFixture(page, server, 'scroll-shadow');
  const field = { host: 'scroll-box', id: 'note' };
  await expectMarksRight(page, [field], 4);
  await ui(page, () => { document.querySelector('scroll-box').shadowRoot.getElementById('sc').scrollTop = 90; });
  await expectMarksRight(page, [field], 4);
  await expectBadgeBeside(page, field);
  await expectBoxesInside(page, [field]);
  await page.screenshot({ path: `${shots}geometry-shadow-scrolled.png` });
  await scrollField(page, field, 0.5);
  await expectMarksRight(page, [field], 4);
});

test('TinyMCE note longer than its editor: marks after scrolling its body, badge beside the field', async ({ page, server }) => {
  await openFixture(page, server, 'tinymce-long');
  const frame = await (await page.waitForSelector('#note_ifr')).contentFrame();
  await frame.evaluate(() => window.scrollTo(0, (document.scrollingElement.scrollHeight - innerHeight) / 2));
  const text = await frame.evaluate(() => [...document.body.children].map((p) => p.textContent).join('\n'));
  const ann = analyze(text, undefined).annotations;
  await expect(async () => {
    // Every span visible in the editor is a highlight range over the same words.
    const res = await frame.evaluate((spans) => {
      const paras = [...document.body.children];
      const starts = [];
      let off = 0;
      for (const p of paras) { starts.push(off); off += p.textContent.length + 1; }
      const marks = new Map();
      for (const [name, h] of CSS.highlights) {
        if (!name.startsWith('skillmark-')) continue;
        for (const r of h) marks.set(`${name.slice(10)}|${r.toString()}|${Math.round(r.getBoundingClientRect().top)}`, true);
      }
      let visible = 0;
      const missing = [];
      for (const [label, s, e] of spans) {
        let i = starts.length - 1;
        while (starts[i] > s) i--;
        const node = paras[i].firstChild;
        if (!node || e - starts[i] > node.length) continue;
        const r = document.createRange();
        r.setStart(node, s - starts[i]);
        r.setEnd(node, e - starts[i]);
        const b = r.getBoundingClientRect();
        if (b.top < 0 || b.bottom > innerHeight) continue;
        visible++;
        if (!marks.has(`${label}|${r.toString()}|${Math.round(b.top)}`)) missing.push(`${label} ${r.toString()} @${Math.round(b.top)}`);
      }
      return { visible, missing };
    }, ann.map((a) => [a.label, a.span.start16, a.span.end16]));
    expect(res.visible).toBeGreaterThan(5);
    expect(res.missing).toEqual([]);
  }).toPass({ timeout: 8_000 });
  // The badge sits beside the editor's frame, over none of it, and opens the panel.
  const ifr = await page.locator('#note_ifr').boundingBox();
  const frameBox = { left: ifr.x, top: ifr.y, right: ifr.x + ifr.width, bottom: ifr.y + ifr.height };
  const [b] = await badgeRects(page);
  expect(overlaps(b, frameBox), `badge ${JSON.stringify(b)} over the frame ${JSON.stringify(frameBox)}`).toBe(false);
  expect(gap(b, frameBox)).toBeLessThan(30);
  await page.mouse.click((b.left + b.right) / 2, (b.top + b.bottom) / 2);
  await expect(page.locator('skillmark-ui .sm-panel:popover-open')).toBeVisible();
  await page.screenshot({ path: `${shots}geometry-tinymce-long-scrolled.png` });
});

/** Clicks the one badge beside the field `#id` (not over it) and returns the open panel. */
async function openPanelBeside(page, id) {
  const field = await page.locator(`#${id}`).boundingBox();
  const fieldBox = { left: field.x, top: field.y, right: field.x + field.width, bottom: field.y + field.height };
  const inField = (b) => gap(b, fieldBox) < 30 && !overlaps(b, fieldBox);
  await expect.poll(async () => (await badgeRects(page)).filter(inField).length).toBe(1);
  const b = (await badgeRects(page)).find(inField);
  await page.mouse.click((b.left + b.right) / 2, (b.top + b.bottom) / 2);
  return page.locator('skillmark-ui .sm-panel:popover-open');
}

test.describe('the checklist panel fits a 1280 x 720 window', () => {
  for (const where of ['top', 'middle', 'bottom']) {
    test(`field at the ${where}`, async ({ page, server }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await openFixture(page, server, 'positions');
      await ui(page, (id) => {
        const el = document.getElementById(id);
        if (id === 'top') window.scrollTo(0, 0);
        else if (id === 'middle') el.scrollIntoView({ block: 'center' });
        else window.scrollTo(0, document.scrollingElement.scrollHeight);
      }, where);
      const panel = await openPanelBeside(page, where);
      await expect(panel).toBeVisible();
      await expect(panel.locator('.sm-finding-btn').first()).toBeVisible();
      const box = await panel.boundingBox();
      expect(box.y, 'panel top').toBeGreaterThanOrEqual(0);
      expect(box.x, 'panel left').toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, 'panel bottom').toBeLessThanOrEqual(720);
      expect(box.x + box.width, 'panel right').toBeLessThanOrEqual(1280);
      // The end of the list and the opened legend are reachable: scrolled to its end, the panel shows them.
      await panel.locator('.sm-legend-box summary').click();
      await expect(panel.locator('.sm-legend-item').last()).toBeVisible();
      const box2 = await panel.boundingBox();
      expect(box2.y).toBeGreaterThanOrEqual(0);
      expect(box2.y + box2.height).toBeLessThanOrEqual(720);
      const last = await panel.evaluate((p) => {
        p.scrollTop = p.scrollHeight;
        const items = p.querySelectorAll('.sm-legend-item');
        const r = items[items.length - 1].getBoundingClientRect();
        const pr = p.getBoundingClientRect();
        return { bottom: r.bottom, panelBottom: pr.bottom };
      });
      expect(last.bottom).toBeLessThanOrEqual(Math.min(720, last.panelBottom) + 0.5);
      await page.screenshot({ path: `${shots}panel-1280x720-${where}.png` });
    });
  }

  test('a report that arrives while the legend is open leaves it open', async ({ page, server }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openFixture(page, server, 'positions');
    await ui(page, () => window.scrollTo(0, 0));
    const panel = await openPanelBeside(page, 'top');
    await expect(panel).toBeVisible();
    await panel.locator('.sm-legend-box summary').click();
    await expect(panel.locator('.sm-legend-item').last()).toBeVisible();
    const findings = await panel.locator('h3.sm-sub').last().textContent();
    // A script changes the note: a new report re-renders the open panel.
    await page.evaluate(() => {
      const el = document.getElementById('top');
      el.value = 'Balance ex, tolerated well.';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect(panel.locator('h3.sm-sub').last()).not.toHaveText(findings);
    await expect(panel.locator('.sm-legend-item').last()).toBeVisible();
  });
});

test('CKEditor 5: an Insert that starts a new line is undone by one Ctrl+Z', async ({ page, server }) => {
  await openFixture(page, server, 'ckeditor5');
  const lines = ['S: Pt reports knee pain with stairs.', 'O: Pt did gait training and balance exercises.', 'A: Pt tolerated well.', 'P: Continue POC.'];
  await page.evaluate((ls) => window.editor.setData(ls.map((l) => `<p>${l}</p>`).join('')), lines);
  const read = () => page.evaluate(() => [...window.editor.model.document.getRoot().getChildren()]
    .map((p) => [...p.getChildren()].map((t) => t.data).join('')).join('\n'));
  const text = lines.join('\n');
  expect(await read()).toBe(text);
  const f = analyze(text, undefined).findings.find((x) => x.code === 'soap_objective_without_measure');
  expect(f.suggestion.text.startsWith('\n')).toBe(true);
  const expected = text.slice(0, f.suggestion.span.start16) + f.suggestion.text + text.slice(f.suggestion.span.end16);
  await expect.poll(async () => (await badgeRects(page)).length).toBe(1);
  const panel = page.locator('skillmark-ui .sm-panel:popover-open');
  const finding = panel.locator('button[data-code=soap_objective_without_measure]');
  // The editor may still be laying out when the badge first shows: click where the badge is
  // now, until the panel is open with the finding (a click on an open panel's badge closes it).
  await expect(async () => {
    if (!(await panel.isVisible())) {
      const [b] = await badgeRects(page);
      await page.mouse.click((b.left + b.right) / 2, (b.top + b.bottom) / 2);
    }
    await expect(finding).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15000 });
  await finding.click();
  const pop = page.locator('skillmark-ui .sm-pop:popover-open');
  await pop.locator('button[data-action=insert]').click();
  await expect.poll(read).toBe(expected);
  await expect.poll(() => page.evaluate(() => document.querySelector('skillmark-ui').dataset.lastInsert)).toMatch(/^ok:/);
  await page.keyboard.press('Control+z');
  await expect.poll(read).toBe(text);
});

test('CKEditor 5: the badge and the "Powered by" label do not overlap', async ({ page, server }) => {
  await openFixture(page, server, 'ckeditor5');
  await page.locator('.ck-editor__editable').click();
  // CKEditor shows its "Powered by" balloon on focus, at the editable's bottom-right corner.
  const powered = page.locator('.ck-powered-by');
  await expect(powered).toBeVisible();
  await expect(async () => {
    const pb = await powered.boundingBox();
    const [b] = await badgeRects(page);
    const overlap = b.left < pb.x + pb.width && b.right > pb.x && b.top < pb.y + pb.height && b.bottom > pb.y;
    expect(overlap, `badge ${JSON.stringify(b)} vs "Powered by" ${JSON.stringify(pb)}`).toBe(false);
  }).toPass({ timeout: 5_000 });
  await page.screenshot({ path: `${shots}ckeditor-badge-powered-by.png` });
});

test('a note above 200,000 characters: the badge says it is too long to check', async ({ page, server }) => {
  await openFixture(page, server, 'textarea');
  await page.evaluate(() => {
    const el = document.getElementById('note');
    el.value = 'Pt did balance exercises, tolerated well.\n'.repeat(4800);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  expect(await page.evaluate(() => document.getElementById('note').value.length)).toBeGreaterThan(200_000);
  await expect.poll(async () => (await badgeRects(page)).map((b) => b.text).join()).toMatch(/too long/i);
  expect((await drawnBoxes(page)).length).toBe(0);
  // The panel says why, and offers no draft of a note that is not checked.
  const [b] = await badgeRects(page);
  await page.mouse.click((b.left + b.right) / 2, (b.top + b.bottom) / 2);
  const panel = page.locator('skillmark-ui .sm-panel:popover-open');
  await expect(panel.locator('.sm-notice')).toContainText('too long to check');
  await expect(panel.locator('button[data-action=draft]')).toHaveCount(0);
  await page.screenshot({ path: `${shots}badge-too-long.png` });
  // Back under the limit: checked again, marks return, the badge shows the score.
  await page.evaluate(() => {
    const el = document.getElementById('note');
    el.value = el.value.slice(0, 1000);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await expect.poll(async () => (await badgeRects(page)).map((x) => x.text).join()).toMatch(/^\d\/7/);
  await expect.poll(async () => (await drawnBoxes(page)).length).toBeGreaterThan(0);
});
