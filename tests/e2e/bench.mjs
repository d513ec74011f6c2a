// Benchmarks (not timed tests): wasm size, instantiate time per frame, keystroke-to-marks
// latency on 2,000-, 10,000- and 100,000-character notes, long tasks while typing in 100 KB and
// 1 MB notes (the extension's share must stay under 50 ms: the engine runs in a worker).
// Run after tests/e2e/run.sh has built output/ext and output/site:   node bench.mjs
// Writes output/bench.json (or $BENCH_OUT) and prints it. BENCH_EXT=DIR benchmarks another
// unpacked build (e.g. an older commit's, to compare); ONLY_LONG=1 skips the short notes;
// ONLY_LONGTASKS=1 measures only the long tasks.
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';

const here = new URL('.', import.meta.url).pathname;
const EXT = process.env.BENCH_EXT || join(here, 'output/ext/chrome');
const wasm = readFileSync(join(EXT, 'pkg/skillmark_bg.wasm'));
const notes = readFileSync(join(here, '../../../shared/corpus/dev.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text);
const noteOf = (n) => { let t = ''; let i = 0; while (t.length < n) t += notes[i++ % notes.length] + '\n\n'; return t.slice(0, n); };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };
const r1 = (x) => Math.round(x * 10) / 10;

const server = await startServer();
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = mkdtempSync(join(tmpdir(), 'sm-bench-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: false, viewport: { width: 1000, height: 800 },
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync', `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
});
if (!ctx.serviceWorkers().length) await ctx.waitForEvent('serviceworker');
const stats = (page) => page.evaluate(() => { document.dispatchEvent(new Event('skillmark:stats'));
  return JSON.parse(document.querySelector('skillmark-ui')?.dataset.stats || '{}'); });
const out = { wasm: { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length }, chromium: ctx.browser()?.version() };

// Instantiate time per frame: fetch + compile + instantiate of the packaged .wasm in the
// engine's worker, measured around init(), over fresh page loads.
if (!process.env.ONLY_LONGTASKS) {
  const times = [];
  for (let i = 0; i < 8; i++) {
    const page = await ctx.newPage();
    await page.goto(`${origin}/textarea.html`);
    await page.waitForFunction(() => document.querySelector('skillmark-ui')?.shadowRoot.querySelector('.sm-badge:not([style*="none"])'));
    times.push((await stats(page)).instantiateMs);
    await page.close();
  }
  out.instantiateMs = { p50: pct(times, 50), max: Math.max(...times), runs: times };
}

// Keystroke-to-marks: keydown timestamp in the page -> end of the animation frame in which the
// content script drew the marks. "shift" = marks moved across the edit (next frame, no engine);
// "fresh" = marks from the new analysis (includes the 120 ms typing debounce and the engine).
async function latency(selector, size, keys = 40) {
  const page = await ctx.newPage();
  await page.goto(`${origin}/bench.html`);
  const text = noteOf(size);
  await page.evaluate(([sel, t]) => {
    const el = document.querySelector(sel);
    if (el.localName === 'textarea') el.value = t;
    else el.replaceChildren(...t.split('\n').map((l) => { const p = document.createElement('p'); p.textContent = l; if (!l) p.append(document.createElement('br')); return p; }));
    window.__keyAt = 0;
    document.addEventListener('keydown', () => { window.__keyAt = performance.now(); }, true);
  }, [selector, text]);
  await page.waitForFunction(() => document.querySelector('skillmark-ui')?.shadowRoot.querySelectorAll('.sm-badge:not([style*="none"])').length >= 1);
  await page.click(selector);
  await page.evaluate((sel) => { const el = document.querySelector(sel); el.focus();
    if (el.localName === 'textarea') el.setSelectionRange(200, 200); }, selector);
  await page.waitForTimeout(500);
  const shift = [];
  const fresh = [];
  const analyze = [];
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press('x');
    const r = await page.waitForFunction(() => {
      document.dispatchEvent(new Event('skillmark:stats'));
      const s = JSON.parse(document.querySelector('skillmark-ui').dataset.stats);
      return s.freshPaintAt > window.__keyAt && s.shiftPaintAt > window.__keyAt ? { ...s, keyAt: window.__keyAt } : null;
    }, null, { polling: 5, timeout: 10_000 }).then((h) => h.jsonValue());
    shift.push(r.shiftPaintAt - r.keyAt);
    fresh.push(r.freshPaintAt - r.keyAt);
    analyze.push(r.lastAnalyzeMs);
  }
  await page.close();
  const sum = (xs) => ({ p50: r1(pct(xs, 50)), p95: r1(pct(xs, 95)) });
  return { shift: sum(shift), fresh: sum(fresh), analyze: sum(analyze) };
}
out.latency = {};
for (const [name, sel] of process.env.ONLY_LONGTASKS ? [] : [['textarea', '#note'], ['contenteditable', '#rich']]) {
  for (const size of [2000, 10000]) if (!process.env.ONLY_LONG) out.latency[`${name} ${size}`] = await latency(sel, size);
  out.latency[`${name} 100000`] = await latency(sel, 100_000, 20);
}

// Long tasks while typing in a long note (PerformanceObserver 'longtask' on the page, which
// also sees the content script's work: one event loop; a worker's work is not on it).
async function longTasks(selector, { optOut = false, size = 100_000 } = {}) {
  const page = await ctx.newPage();
  await page.goto(`${origin}/bench.html`);
  await page.evaluate(([sel, t, off]) => {
    const el = document.querySelector(sel);
    // Baseline: the same field opted out (data-skillmark="off"), i.e. the browser alone.
    if (off) { document.querySelectorAll('#note, #rich').forEach((e) => e.setAttribute('data-skillmark', 'off')); }
    if (el.localName === 'textarea') el.value = t;
    else el.replaceChildren(...t.split('\n').map((l) => { const p = document.createElement('p'); p.textContent = l; if (!l) p.append(document.createElement('br')); return p; }));
  }, [selector, noteOf(size), optOut]);
  // (Over 200,000 characters the extension does not analyse: no badge to wait for.)
  if (!optOut && size <= 200_000) await page.waitForFunction(() => document.querySelector('skillmark-ui')?.shadowRoot.querySelectorAll('.sm-badge:not([style*="none"])').length >= 1, null, { timeout: 30_000 });
  await page.click(selector);
  await page.waitForTimeout(1000);
  await page.evaluate(() => { window.__lt = []; new PerformanceObserver((l) => window.__lt.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    document.dispatchEvent(new Event('skillmark:stats-reset')); });
  for (let i = 0; i < 60; i++) { await page.keyboard.press('y'); await page.waitForTimeout(40); }
  await page.waitForTimeout(1500);
  const lt = await page.evaluate(() => window.__lt);
  // The content script's own longest synchronous stretch while typing (an older build without
  // this counter reports null).
  const own = optOut ? null : (await stats(page)).maxTaskMs ?? null;
  await page.close();
  return { count: lt.length, maxMs: lt.length ? r1(Math.max(...lt)) : 0, over50: lt.filter((d) => d > 50).length, extensionMaxTaskMs: own };
}
out.longTasks100k = {
  textarea: await longTasks('#note'), contenteditable: await longTasks('#rich'),
  baselineTextareaWithoutExtension: await longTasks('#note', { optOut: true }),
  baselineContenteditableWithoutExtension: await longTasks('#rich', { optOut: true }),
};
out.longTasks1M = {
  textarea: await longTasks('#note', { size: 1_000_000 }), contenteditable: await longTasks('#rich', { size: 1_000_000 }),
  baselineTextareaWithoutExtension: await longTasks('#note', { optOut: true, size: 1_000_000 }),
  baselineContenteditableWithoutExtension: await longTasks('#rich', { optOut: true, size: 1_000_000 }),
};

await ctx.close();
server.close();
rmSync(profile, { recursive: true, force: true });
writeFileSync(process.env.BENCH_OUT || join(here, 'output/bench.json'), JSON.stringify(out, null, 2));
console.log(JSON.stringify(out, null, 2));
