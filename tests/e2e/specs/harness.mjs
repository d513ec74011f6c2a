// Shared Playwright fixtures: a worker-scoped Chromium (Debian's /usr/bin/chromium, new
// headless) with the test build of the extension loaded, the local fixture server, and a
// network log of everything the browser requested, checked after every test.
import { test as base, expect, chromium } from '@playwright/test';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server.mjs';
import { initSync, analyze, draft } from '../../../extension/pkg/skillmark.js';

const here = new URL('.', import.meta.url).pathname;
export const EXT = process.env.SKILLMARK_EXT || join(here, '../output/ext/chrome');
initSync({ module: readFileSync(join(here, '../../../extension/pkg/skillmark_bg.wasm')) });
export { analyze, draft };

/** What `skillmark draft --soap` says of `text` ({text, missing}): the CLI is the reference the
 * "Organise as SOAP" views are held to (run.sh builds it; a no-op after `cargo test --release`). */
export function cliSoap(text) {
  const cli = process.env.SKILLMARK_CLI || join(here, '../../../target/release/skillmark');
  if (!existsSync(cli)) throw new Error(`the skillmark CLI is not built at ${cli} (cargo build --release)`);
  const r = spawnSync(cli, ['draft', '--soap', '--format', 'json', '-'], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`skillmark draft --soap failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The placeholders of a SOAP draft: for each part the note lacks, the rest of its header line
 * ("[Plan: ...]"); the note's own brackets are not among them. */
export const soapPlaceholders = (soap) => soap.missing.map((part) => {
  const head = `${part[0].toUpperCase()}: [`;
  return soap.text.split('\n').find((l) => l.startsWith(head)).slice(3);
});

/** Allowed: the local fixture server, the extension itself, data: and blob: URLs. */
export function isLocal(url) {
  if (/^(chrome-extension|moz-extension|data|blob|about|chrome):/.test(url)) return true;
  try {
    const u = new URL(url);
    return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  } catch { return false; }
}

/** The fixture site's server, one per test worker (the Firefox suite's harness uses it too). */
export const serverFixture = [async ({}, use) => {
  const s = await startServer();
  await use({ origin: `http://127.0.0.1:${s.address().port}` });
  s.close();
}, { scope: 'worker' }];

export const test = base.extend({
  server: serverFixture,

  browserCtx: [async ({}, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'sm-profile-'));
    const requests = [];
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: false,
      viewport: { width: 1000, height: 800 },
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--no-first-run', '--disable-sync', '--disable-default-apps', '--disable-features=Translate,OptimizationHints,MediaRouter',
        `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
    });
    ctx.on('request', (r) => requests.push(r.url()));
    let sw = ctx.serviceWorkers()[0];
    if (!sw) sw = await ctx.waitForEvent('serviceworker', { timeout: 15_000 });
    const extensionId = new URL(sw.url()).host;
    await use({ ctx, requests, extensionId });
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }, { scope: 'worker' }],

  page: async ({ browserCtx }, use) => {
    const page = await browserCtx.ctx.newPage();
    const before = browserCtx.requests.length;
    await use(page);
    await page.close();
    const leaked = browserCtx.requests.slice(before).filter((u) => !isLocal(u));
    expect(leaked, 'requests that left the machine').toEqual([]);
  },
});

export { expect };

/** Opens a fixture page and waits for its editor and for the extension's first marks. */
export async function openFixture(page, server, name) {
  await page.goto(`${server.origin}/${name}.html`);
  await page.waitForFunction(() => window.editorReady === true);
  await page.waitForFunction(() => {
    const h = document.querySelector('skillmark-ui');
    return h && [...h.shadowRoot.querySelectorAll('.sm-badge')].some((b) => b.style.display !== 'none');
  }, null, { timeout: 20_000 });
}

/** Extension counters (no text): engine kind, instantiate time, analyses. */
export async function stats(page) {
  return page.evaluate(() => {
    document.dispatchEvent(new Event('skillmark:stats'));
    return JSON.parse(document.querySelector('skillmark-ui').dataset.stats);
  });
}

/** Expected marked strings per label, straight from the engine. */
export function expectedMarks(text) {
  const r = analyze(text, undefined);
  const out = {};
  for (const a of r.annotations) (out[a.label] ??= []).push(text.slice(a.span.start16, a.span.end16));
  for (const k of Object.keys(out)) out[k].sort();
  return { report: r, byLabel: out };
}
