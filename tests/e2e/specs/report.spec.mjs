// The batch reviewer's HTML report (`skillmark review --html`), as a reviewer opens it in a
// browser at desktop and phone width: the title and input line come first, then the summary;
// no chart label is cut; nothing overflows the phone's width; a fix that starts on a new line
// says so instead of showing a stray space in its quotes. Screenshots: output/screenshots/.
// Needs target/release/skillmark (built by `cargo test --release`, which ./x test runs first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { test, expect } from '@playwright/test';

const repo = new URL('../../../', import.meta.url).pathname;
const out = new URL('../output/', import.meta.url).pathname;
const shots = `${out}screenshots/`;
mkdirSync(shots, { recursive: true });
const bin = `${repo}target/release/skillmark`;

test('the HTML report reads top-down and fits at 1280 px and phone width', async () => {
  expect(existsSync(bin), `${bin} is missing: run cargo test --release (or ./x test) first`).toBe(true);
  const html = `${out}report-${test.info().repeatEachIndex}.html`;
  const r = spawnSync(bin, ['review', '--summary-only', '--html', html, 'tests/fixtures/review/visits.csv', 'tests/fixtures/review/notes.jsonl'],
    { cwd: repo, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(1); // notes with errors; no input problem
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const requests = [];
  for (const [name, width] of [['desktop', 1280], ['phone', 390]]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.on('request', (q) => requests.push(q.url()));
    await page.goto(`file://${html}`);
    // The title, then the input line, then the summary, then the notes.
    const top = async (sel) => (await page.locator(sel).first().boundingBox()).y;
    const [h1, input, summary, notes] = [await top('h1'), await top('header .meta'), await top('section.summary'), await top('section.notes')];
    expect(h1).toBeLessThan(input);
    expect(input).toBeLessThan(summary);
    expect(summary).toBeLessThan(notes);
    expect(h1).toBeLessThan(60);
    // Every chart label lies inside its chart.
    const cut = await page.evaluate(() => [...document.querySelectorAll('.chart svg')].flatMap((svg) => {
      const w = svg.viewBox.baseVal.width;
      return [...svg.querySelectorAll('text')].filter((t) => { const b = t.getBBox(); return b.x < -0.5 || b.x + b.width > w + 0.5; })
        .map((t) => `${t.textContent} (${svg.closest('.chart').querySelector('h3').textContent})`);
    }));
    expect(cut, 'chart labels cut at the edge').toEqual([]);
    expect(await page.locator('.chart text', { hasText: / in \d+ notes?$/ }).count()).toBeGreaterThan(3);
    // Fixes: no stray leading space; one that starts a new line says so.
    const fixes = await page.locator('.fix q').allTextContents();
    expect(fixes.length).toBeGreaterThan(0);
    expect(fixes.filter((f) => /^\s/.test(f)), 'fix text with a leading space').toEqual([]);
    expect(await page.locator('.fix', { hasText: 'on a new line, ' }).count()).toBeGreaterThan(0);
    // Nothing wider than the window.
    expect(await page.evaluate(() => document.scrollingElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `${shots}report-${name}.png` });
    await page.close();
  }
  expect(requests.filter((u) => !u.startsWith('file://')), 'the report loads nothing').toEqual([]);
  await browser.close();
});
