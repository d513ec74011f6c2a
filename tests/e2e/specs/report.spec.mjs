// The batch reviewer's HTML report (`skillmark review --html`), as a reviewer opens it in a
// browser at desktop and phone width: the title and input line come first, then the summary;
// chart labels are readable (12 px or more) and not cut; the worst-notes table has no empty
// column, keeps dates on one line and its counts in view; nothing overflows the phone's width; a fix that starts on a new line
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
    // Chart labels and counts are page text of at least 12 px, each inside its chart.
    const charts = await page.evaluate(() => [...document.querySelectorAll('.chart')].flatMap((chart) => {
      const box = chart.getBoundingClientRect();
      return [...chart.querySelectorAll('.label, .count')].map((t) => {
        const b = t.getBoundingClientRect();
        return { text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize), inside: b.left >= box.left - 0.5 && b.right <= box.right + 0.5 };
      });
    }));
    expect(charts.filter((c) => c.size < 12 || !c.inside), 'chart text smaller than 12 px or cut').toEqual([]);
    expect(charts.filter((c) => / in \d+ notes?$/.test(c.text)).length).toBeGreaterThan(3);
    // The worst-notes table: no column without a value, dates on one line, the counts in view.
    const table = await page.evaluate(() => {
      const t = document.querySelector('table.worst');
      const heads = [...t.querySelectorAll('thead th')].map((th) => th.textContent);
      const rows = [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent.trim()));
      const empty = heads.filter((_, i) => rows.every((r) => r[i] === ''));
      const wrapped = [...t.querySelectorAll('td.d')].filter((td) => {
        const r = document.createRange();
        r.selectNodeContents(td);
        return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1;
      }).map((td) => td.textContent);
      const counts = [...t.querySelectorAll('thead th.n')].slice(1).map((th) => th.getBoundingClientRect().right);
      return { heads, empty, wrapped, dates: t.querySelectorAll('td.d').length, counts };
    });
    expect(table.empty, `empty columns in ${table.heads}`).toEqual([]);
    expect(table.dates).toBeGreaterThan(0);
    expect(table.wrapped, 'dates broken over lines').toEqual([]);
    expect(Math.max(...table.counts), 'the E/W/I columns start in view').toBeLessThanOrEqual(width);
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
