// Benchmarks (not timed tests): wasm size (raw and gzip) and the engine's instantiate time per
// frame. Keystroke-to-marks latency and the long tasks while typing are bench-latency.mjs's
// (./x bench-latency).
// Run after tests/e2e/run.sh has built output/ext and output/site:   node bench.mjs
// Writes output/bench.json (or $BENCH_OUT) and prints it. BENCH_EXT=DIR benchmarks another
// unpacked build (e.g. an older commit's, to compare).
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';

const here = new URL('.', import.meta.url).pathname;
const EXT = process.env.BENCH_EXT || join(here, 'output/ext/chrome');
const wasm = readFileSync(join(EXT, 'pkg/skillmark_bg.wasm'));
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };

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
{
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

await ctx.close();
server.close();
rmSync(profile, { recursive: true, force: true });
writeFileSync(process.env.BENCH_OUT || join(here, 'output/bench.json'), JSON.stringify(out, null, 2));
console.log(JSON.stringify(out, null, 2));
