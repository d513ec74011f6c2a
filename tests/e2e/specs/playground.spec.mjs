// The playground (www/), in a Chromium with no extension, as a newcomer opens it: it runs under
// its own CSP (no connection of any kind), marks the engine's spans, loads the samples, inserts
// and undoes, is keyboard reachable, stacks at phone width, and drafts a statement (and organises
// the note as SOAP) for review.
import { readFileSync, mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { test as base, expect, analyze, draft, cliSoap, soapPlaceholders } from './harness.mjs';
import { NOTE } from '../fixtures/src/note.js';

const shots = new URL('../output/screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
const sample = (n) => readFileSync(new URL(`../../../www/samples/${n}.txt`, import.meta.url), 'utf8').replace(/\s+$/, '');
const TARGET = 'tolerated well';

const test = base.extend({
  plain: [async ({}, use) => {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--no-first-run', '--disable-sync', '--disable-default-apps', '--disable-features=Translate,OptimizationHints,MediaRouter'] });
    await use(browser);
    await browser.close();
  }, { scope: 'worker' }],

  /** The playground page; every request and every CSP report of the test is checked afterwards. */
  pg: async ({ plain, server }, use) => {
    const ctx = await plain.newContext({ viewport: { width: 1280, height: 860 } });
    const requests = [];
    const problems = [];
    ctx.on('request', (r) => requests.push(r.url()));
    const page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.origin}/www/`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20_000 });
    await use({ page, requests, problems, ctx });
    const hosts = requests.map((u) => new URL(u)).filter((u) => !(u.protocol === 'http:' && u.host === new URL(server.origin).host) && u.protocol !== 'data:');
    expect(hosts.map(String), 'requests other than the local server').toEqual([]);
    expect(problems, 'console errors / CSP violations').toEqual([]);
    await ctx.close();
  },
});

/** Replaces the note with `text` as typed input. */
async function setNote(page, text) {
  const ta = page.locator('#note');
  await ta.fill(text);
  await expect.poll(() => page.evaluate(() => document.getElementById('status').textContent)).toContain('checks met');
  await waitForFresh(page, text);
}

/** Waits until the panel shows the report for `text` (findings count and checklist). */
async function waitForFresh(page, text, options) {
  const r = analyze(text, options);
  await expect(page.locator('#note')).toHaveValue(text);
  await expect(page.locator('#panel')).toHaveAttribute('data-stale', 'false');
  await expect(page.locator('#panel .sm-finding')).toHaveCount(r.findings.length);
  const msgs = await page.locator('#panel .sm-msg').allTextContents();
  expect(msgs).toEqual(r.findings.map((f) => f.message));
  return r;
}

const boxes = (page) => page.evaluate(() => [...document.querySelectorAll('#marks .sm-box')].map((b) => {
  const r = b.getBoundingClientRect();
  return { kind: b.dataset.kind, left: r.left, top: r.top, width: r.width, height: r.height };
}));

/** Where [start, end) of a one-line-per-row monospace textarea must appear, computed independently. */
const expectedRect = (page, start, end) => page.evaluate(([s, e]) => {
  const el = document.getElementById('note');
  const cs = getComputedStyle(el);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
  const cw = ctx.measureText('M'.repeat(100)).width / 100;
  const lh = parseFloat(cs.lineHeight);
  const rect = el.getBoundingClientRect();
  const text = el.value;
  const line = text.slice(0, s).split('\n').length - 1;
  const col = s - (text.lastIndexOf('\n', s - 1) + 1);
  return { left: rect.left + el.clientLeft + parseFloat(cs.paddingLeft) + col * cw - el.scrollLeft,
    top: rect.top + el.clientTop + parseFloat(cs.paddingTop) + line * lh - el.scrollTop, width: (e - s) * cw, height: lh };
}, [start, end]);

test('runs offline under its CSP and marks the engine\'s spans', async ({ pg: { page, problems } }) => {
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const d of ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self' data:", "connect-src 'none'"]) {
    expect(csp).toContain(d);
  }
  // The CSP is in force: the page cannot even fetch its own files.
  expect(await page.evaluate(() => fetch('/www/index.html').then(() => 'fetched', () => 'blocked'))).toBe('blocked');
  await expect.poll(() => problems.filter((m) => /connect-src 'none'|Refused to connect/.test(m)).length).toBe(2);
  problems.splice(0); // those two reports were the point of the probe
  // Opens with the mediocre sample, analysed.
  expect(await page.locator('#note').inputValue()).toBe(sample('mediocre'));
  await waitForFresh(page, sample('mediocre'));

  await setNote(page, NOTE);
  const { report } = { report: analyze(NOTE) };
  await expect(async () => {
    const got = await boxes(page);
    for (const a of report.annotations) {
      const want = await expectedRect(page, a.span.start16, a.span.end16);
      // (vertical centres: the glyph box sits in the middle of the 1.6 line height)
      const hit = got.filter((b) => b.kind === a.label && Math.abs(b.top + b.height / 2 - (want.top + want.height / 2)) < 3
        && Math.abs(b.left - want.left) < 2.5);
      expect(hit.length, `${a.label} box for "${NOTE.slice(a.span.start16, a.span.end16)}"`).toBeGreaterThan(0);
      expect(Math.abs(hit[0].width - want.width)).toBeLessThan(3);
    }
    expect(got.filter((b) => /^(what|why|how|outcome|measure|time|unskilled)$/.test(b.kind)).length).toBe(report.annotations.length);
  }).toPass({ timeout: 10_000 });
  // Checklist, findings with their rule sources, legend.
  const panel = page.locator('#panel');
  for (const [label, ok] of Object.entries(report.checklist)) {
    const want = label === 'unskilled' ? !ok : ok;
    await expect(panel.locator(`.sm-check[data-label=${label}]`)).toHaveClass(want ? /\bok\b/ : /\bno\b/);
  }
  for (const f of report.findings) await expect(panel).toContainText(f.source.citation);
  await expect(page.locator('#legend .sm-legend-item')).toHaveCount(7);
});

// Issue 22: the legend said "Shaded phrases are findings" while measures and time are shaded too.
// Every shading the marks use is in the legend, with a swatch of the same colour and what it means.
test('the legend explains every shading the marks use', async ({ pg: { page } }) => {
  const shades = new Map();
  for (const name of ['bad', 'mediocre', 'good']) {
    await page.locator(`[data-sample=${name}]`).click();
    await waitForFresh(page, sample(name));
    await expect.poll(() => page.locator('#marks .sm-box').count()).toBeGreaterThan(0);
    for (const [kind, bg] of await page.locator('#marks .sm-box').evaluateAll((bs) => bs.map((b) => [b.dataset.kind, getComputedStyle(b).backgroundColor])
      .filter(([, bg]) => bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent'))) shades.set(kind, bg);
  }
  // Label tints and finding shades both occur.
  expect([...shades.keys()]).toEqual(expect.arrayContaining(['measure', 'time', 'warning']));
  const legend = await page.locator('#legend [data-kind]').evaluateAll((rows) => rows.map((r) => ({ kind: r.dataset.kind, text: r.textContent,
    bg: getComputedStyle(r.querySelector('.sm-swatch')).backgroundColor })));
  for (const [kind, bg] of shades) {
    const row = legend.find((r) => r.kind === kind);
    expect(row, `a legend row for the ${kind} shading`).toBeTruthy();
    expect(row.bg, `the ${kind} swatch has the marks' colour`).toBe(bg);
    expect(row.text).toMatch(/shaded|tinted/);
  }
  const note = await page.locator('.legend-note').textContent();
  expect(note).not.toMatch(/Shaded phrases are findings/);
  expect(note).toMatch(/Measures and time are also tinted/);
});

test('samples load; the unit rule toggle re-analyses', async ({ pg: { page } }) => {
  for (const name of ['good', 'bad', 'mediocre']) {
    await page.locator(`[data-sample=${name}]`).click();
    await expect(page.locator('#note')).toHaveValue(sample(name));
    const r = await waitForFresh(page, sample(name));
    await expect(page.locator('#panel .sm-finding-btn').first()).toContainText(r.findings[0]?.message.slice(0, 30) ?? '');
  }
  // Loading a sample is an ordinary edit: Ctrl+Z brings the previous note back.
  await page.locator('#note').focus();
  await page.keyboard.press('Control+z');
  await expect(page.locator('#note')).toHaveValue(sample('bad'));
  await page.locator('input[value=rule_of_eights]').check();
  await waitForFresh(page, sample('bad'), { unit_rule: 'rule_of_eights' });
  await page.locator('input[value=medicare]').check();
  await waitForFresh(page, sample('bad'));
});

test('a suggestion inserts exactly; Ctrl+Z restores the note', async ({ pg: { page } }) => {
  await setNote(page, NOTE);
  const f = analyze(NOTE).findings.find((x) => x.code === 'unskilled_wording' && NOTE.slice(x.span.start16, x.span.end16) === TARGET);
  const s = f.suggestion;
  const expected = NOTE.slice(0, s.span.start16) + s.text + NOTE.slice(s.span.end16);
  const start = NOTE.indexOf(TARGET);
  const r = await expectedRect(page, start, start + TARGET.length);
  await page.mouse.click(r.left + r.width / 2, r.top + r.height / 2);
  const pop = page.locator('.sm-pop:popover-open');
  await expect(pop).toContainText(f.message);
  await expect(pop).toContainText(f.source.citation);
  await expect(pop.locator('.sm-ph').first()).toHaveText(/^\[.*\]$/);
  await page.screenshot({ path: `${shots}playground-popover.png` });
  await pop.locator('button[data-action=insert]').click();
  await expect(page.locator('#note')).toHaveValue(expected);
  await expect(pop).toBeHidden();
  expect(await page.locator('#field-wrap').getAttribute('data-last-insert')).toMatch(/^ok:/);
  await page.keyboard.press('Control+z');
  await expect(page.locator('#note')).toHaveValue(NOTE);
  await waitForFresh(page, NOTE);
});

test('keyboard: findings are reachable, Enter opens one, Escape closes it and returns focus', async ({ pg: { page } }) => {
  await waitForFresh(page, sample('mediocre'));
  await page.locator('#note').focus();
  let found = false;
  for (let i = 0; i < 12 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement.classList.contains('sm-finding-btn'));
  }
  expect(found, 'a finding is reachable with Tab from the note').toBe(true);
  const code = await page.evaluate(() => document.activeElement.dataset.code);
  await page.keyboard.press('Enter');
  const pop = page.locator('.sm-pop:popover-open');
  await expect(pop).toBeVisible();
  await expect(pop.locator('button').filter({ hasText: /Insert|Copy/ }).first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(pop).toBeHidden();
  expect(await page.evaluate(() => document.activeElement.dataset.code)).toBe(code);
  // Alt+Shift+Enter at the caret opens the finding there.
  await page.locator('#note').focus();
  const at = sample('mediocre').indexOf('Tolerated well') + 3;
  await page.evaluate((o) => document.getElementById('note').setSelectionRange(o, o), at);
  await page.keyboard.press('Alt+Shift+Enter');
  await expect(pop).toContainText('Tolerated well');
  await page.keyboard.press('Escape');
  await expect(pop).toBeHidden();
  await expect(page.locator('#note')).toBeFocused();
});

test('desktop and phone-width layout', async ({ pg: { page } }) => {
  await waitForFresh(page, sample('mediocre'));
  const note = await page.locator('#note').boundingBox();
  const side = await page.locator('#panel').boundingBox();
  expect(side.x).toBeGreaterThan(note.x + note.width); // side by side
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${shots}playground-desktop.png`, fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(async () => {
    const n = await page.locator('#note').boundingBox();
    const p = await page.locator('#panel').boundingBox();
    expect(p.y).toBeGreaterThan(n.y + n.height); // stacked
    expect(n.width).toBeGreaterThan(330);
    expect(await page.evaluate(() => document.scrollingElement.scrollWidth)).toBeLessThanOrEqual(390);
  }).toPass({ timeout: 5_000 });
  // The marks follow the narrower, re-wrapped field.
  await expect.poll(async () => (await boxes(page)).filter((b) => b.kind === 'unskilled').every((b) => b.left + b.width <= 390)).toBe(true);
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${shots}playground-phone.png`, fullPage: true });
});

test('Draft statement shows the engine\'s draft; Insert puts it at the caret; Ctrl+Z restores', async ({ pg: { page } }) => {
  for (const name of ['good', 'bad']) {
    const text = sample(name);
    await page.locator(`[data-sample=${name}]`).click();
    await waitForFresh(page, text);
    const d = draft(text);
    const caret = text.indexOf('\n') + 1; // start of the second line
    await page.locator('#note').focus();
    await page.evaluate((o) => document.getElementById('note').setSelectionRange(o, o), caret);
    await page.locator('#panel button[data-action=draft]').click();
    const view = page.locator('#draft .sm-draft');
    await expect(view).toBeVisible();
    expect(await view.locator('.sm-draft-pre').textContent()).toBe(d.text);
    await expect(view.locator('.sm-trend')).toHaveClass(new RegExp(`sm-trend-${d.trend}`));
    await expect(view.locator('.sm-fact')).toHaveCount(d.facts.length);
    await expect(view.locator('button[data-action=insert-draft]')).toBeFocused();
    // Nothing is inserted until the click.
    expect(await page.locator('#note').inputValue()).toBe(text);
    if (name === 'good') await page.screenshot({ path: `${shots}playground-draft.png`, fullPage: true });
    await view.locator('button[data-action=insert-draft]').click();
    await expect(page.locator('#note')).toHaveValue(text.slice(0, caret) + d.text + text.slice(caret));
    await expect(view).toBeHidden();
    await expect(page.locator('#note')).toBeFocused();
    await page.keyboard.press('Control+z');
    await expect(page.locator('#note')).toHaveValue(text);
  }
});

test('Organise as SOAP shows the CLI\'s SOAP draft; Insert replaces the note; one Ctrl+Z restores it', async ({ pg: { page } }) => {
  // (The third note has brackets of its own: they are its words, not placeholders.)
  const brackets = 'Pt reports no falls since last visit.\nBerg 45/56 [eval 38/56]; tandem stance on foam 3 x 30 s with tactile cues at the ankles.';
  for (const [name, text] of [['fixture', NOTE], ['good', sample('good')], ['brackets', brackets]]) {
    if (name === 'good') { await page.locator(`[data-sample=${name}]`).click(); await waitForFresh(page, text); } else await setNote(page, text);
    const soap = cliSoap(text);
    const placeholders = soapPlaceholders(soap);
    expect(placeholders.length, name).toBe({ fixture: 3, good: 0, brackets: 2 }[name]);
    await page.locator('#note').focus();
    await page.evaluate((o) => document.getElementById('note').setSelectionRange(o, o), 6);
    await expect(page.locator('#panel .sm-draft-row button')).toHaveText(['Draft statement', 'Organise as SOAP']);
    await page.locator('#panel button[data-action=soap]').click();
    const view = page.locator('#draft .sm-soap');
    await expect(view).toBeVisible();
    expect(await view.locator('.sm-draft-pre').textContent()).toBe(soap.text);
    // Each missing part's placeholder is shown, marked, as written.
    await expect(view.locator('.sm-ph')).toHaveText(placeholders);
    for (const ph of await view.locator('.sm-ph').all()) await expect(ph).toBeVisible();
    if (placeholders.length) await expect(view.locator('.sm-review')).toContainText(`replace the ${placeholders.length} [bracketed] parts`);
    else await expect(view.locator('.sm-review')).not.toContainText('bracketed');
    await expect(view.locator('button[data-action=insert-soap]')).toBeFocused();
    // Nothing is inserted until the click.
    await page.waitForTimeout(300);
    expect(await page.locator('#note').inputValue()).toBe(text);
    if (name === 'fixture') await page.screenshot({ path: `${shots}playground-soap.png`, fullPage: true });
    await view.locator('button[data-action=insert-soap]').click();
    await expect(page.locator('#note')).toHaveValue(soap.text);
    expect(await page.locator('#field-wrap').getAttribute('data-last-insert')).toMatch(/^ok:/);
    await expect(view).toBeHidden();
    await expect(page.locator('#note')).toBeFocused();
    await page.keyboard.press('Control+z');
    await expect(page.locator('#note')).toHaveValue(text);
  }
});

// Issue 9: with an engine file missing (a rebuild in progress, a build never run) the page hung
// on "Loading the engine..." and said nothing. Now it says the engine failed to load, or failed
// to start when its bytes load but are not an engine.
test('says so when the engine cannot be loaded or started', async ({ plain, server }) => {
  const open = async (path, body) => {
    const ctx = await plain.newContext();
    const page = await ctx.newPage();
    await page.route(`**/www/${path}`, (r) => (body === undefined
      ? r.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' })
      : r.fulfill({ status: 200, contentType: 'text/javascript', body })));
    await page.goto(`${server.origin}/www/`);
    return { ctx, page };
  };
  for (const missing of ['pkg/skillmark_bg_wasm.js', 'pkg/skillmark.js', 'build/app.js']) {
    const { ctx, page } = await open(missing);
    await expect(page.locator('#status'), missing).toHaveText(/^The engine failed to load, so nothing can be checked\. .*\.\/x serve/);
    await expect(page.locator('#status')).toHaveAttribute('role', 'alert');
    await expect(page.locator('html')).toHaveAttribute('data-engine-error', 'load');
    await page.screenshot({ path: `${shots}playground-engine-missing.png` });
    await ctx.close();
  }
  const { ctx, page } = await open('pkg/skillmark_bg_wasm.js', 'export default new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]);');
  await expect(page.locator('#status')).toHaveText(/^The engine failed to start in this browser, so nothing can be checked\./);
  await expect(page.locator('html')).toHaveAttribute('data-engine-error', 'start');
  await expect(page.locator('html')).not.toHaveAttribute('data-ready', 'true');
  await ctx.close();
});
