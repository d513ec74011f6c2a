// Fixtures of the Firefox suite (playwright.firefox.config.mjs): Debian's Firefox ESR
// (/usr/bin/firefox-esr, or $FIREFOX) driven over WebDriver BiDi by puppeteer-core, with the test
// build of the extension (output/ext/firefox) installed as a temporary add-on; the same fixture
// site as the Chrome suite; and what the CLI says about each note, the reference the marks, the
// checklist and the suggestions are compared with.
//
// "No request leaves the browser" is held two ways: every request a page makes (BiDi network
// events) must be local, and Firefox sends everything not addressed to this machine through a
// proxy of this harness that records it and answers 403; the proxy must see nothing. The
// proxy sees what page events cannot: the extension's background page and workers, too.
// Firefox's own services (remote settings, telemetry, ...) are pointed at a closed local port so
// that anything the proxy records comes from the pages or the extension.
import { test as base, expect } from '@playwright/test';
import puppeteer from 'puppeteer-core';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isLocal, serverFixture } from '../specs/harness.mjs';

const here = new URL('.', import.meta.url).pathname;
export const EXT = process.env.SKILLMARK_FIREFOX_EXT || join(here, '../output/ext/firefox');
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
export const CLI = process.env.SKILLMARK_CLI || join(here, '../../../target/release/skillmark');
const ADDON_ID = 'skillmark@skillmark.example';
// The add-on's moz-extension:// host, fixed so the suite can open the extension's own page.
const ADDON_UUID = '6b1c3e52-7a0d-4c8e-9f31-5d2a8e4b7c90';
const DEAD = 'http://127.0.0.1:9/';

/** The CLI's report of `text` (`skillmark check --format json -`). */
export function cliReport(text) {
  if (!existsSync(CLI)) throw new Error(`the skillmark CLI is not built at ${CLI} (cargo build --release)`);
  const r = spawnSync(CLI, ['check', '--format', 'json', '-'], { input: text, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`skillmark check failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout).report;
}

/** Marked strings per label in the CLI's report, sorted. */
export function cliMarks(text) {
  const report = cliReport(text);
  const byLabel = {};
  for (const a of report.annotations) (byLabel[a.label] ??= []).push(text.slice(a.span.start16, a.span.end16));
  for (const k of Object.keys(byLabel)) byLabel[k].sort();
  return { report, byLabel };
}

/** A proxy that takes every request Firefox would send off this machine, records, refuses it. */
function startLeakProxy() {
  const seen = [];
  const proxy = http.createServer((req, res) => { seen.push(`${req.method} ${req.url}`); res.writeHead(403).end(); });
  proxy.on('connect', (req, socket) => { seen.push(`CONNECT ${req.url}`); socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'); });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve({ proxy, seen, port: proxy.address().port })));
}

export const test = base.extend({
  server: serverFixture,

  firefox: [async ({}, use) => {
    const { proxy, seen, port } = await startLeakProxy();
    const browser = await puppeteer.launch({
      browser: 'firefox', executablePath: FIREFOX, headless: true, enableExtensions: true,
      // Lets BiDi open the extension's own page (moz-extension://), to read its storage.
      args: ['--remote-allow-system-access'],
      // Release builds honour services.settings.server (remote settings) only with this set.
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      extraPrefsFirefox: {
        'network.proxy.type': 1, 'network.proxy.share_proxy_settings': true,
        'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': port,
        'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': port,
        'network.proxy.allow_hijacking_localhost': false,
        'services.settings.server': DEAD, 'extensions.blocklist.enabled': false, 'extensions.getAddons.cache.enabled': false,
        'extensions.update.enabled': false, 'network.captive-portal-service.enabled': false, 'network.connectivity-service.enabled': false,
        'toolkit.telemetry.server': DEAD, 'browser.ping-centre.telemetry': false, 'network.dns.disablePrefetch': true,
        'network.prefetch-next': false, 'browser.region.network.url': '', 'geo.provider.network.url': '',
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      },
    });
    const id = await browser.installExtension(EXT);
    expect(id).toBe(ADDON_ID);
    await use({ browser, leaks: seen });
    await browser.close();
    proxy.close();
  }, { scope: 'worker' }],

  page: async ({ firefox }, use, testInfo) => {
    const page = await firefox.browser.newPage();
    await page.setViewport({ width: 1000, height: 800 });
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const before = firefox.leaks.length;
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus) await page.screenshot({ path: testInfo.outputPath('failed.png') }).catch(() => {});
    await page.close();
    expect(requests.filter((u) => !isLocal(u)), 'page requests that left the machine').toEqual([]);
    expect(firefox.leaks.slice(before), 'requests Firefox sent off the machine').toEqual([]);
  },
});

export { expect };

/** Runs `fn` in the extension's own page (moz-extension://.../popup/popup.html), where
 * `browser.*` holds the extension's storage; returns its (JSON-able) result. `args` (JSON-able)
 * are passed to `fn`. */
export async function inExtension(firefox, fn, ...args) {
  const page = await firefox.browser.newPage();
  try {
    // BiDi reports no load events of extension pages: navigate without waiting, then poll.
    await firefox.browser.connection.send('browsingContext.navigate',
      { context: page.mainFrame()._id, url: `moz-extension://${ADDON_UUID}/popup/popup.html`, wait: 'none' });
    await page.waitForFunction(() => location.protocol === 'moz-extension:' && document.readyState === 'complete' && !!globalThis.browser?.storage);
    return await page.evaluate(fn, ...args);
  } finally {
    await page.close();
  }
}

const ui = 'document.querySelector("skillmark-ui")';

/** Opens a fixture page and waits for its editor and for the extension's first badge. */
export async function openFixture(page, server, name) {
  await page.goto(`${server.origin}/${name}.html`);
  await page.waitForFunction(() => window.editorReady === true);
  await page.waitForFunction(`(() => { const h = ${ui}; return !!h && [...h.shadowRoot.querySelectorAll('.sm-badge')].some((b) => b.style.display !== 'none'); })()`,
    { timeout: 20_000 });
}

/** Extension counters (no text): engine kind, instantiate time, analyses. */
export async function stats(page) {
  return page.evaluate(() => {
    document.dispatchEvent(new Event('skillmark:stats'));
    return JSON.parse(document.querySelector('skillmark-ui').dataset.stats);
  });
}

/** Centre (page coordinates) of the first element matching `selector` in the extension's shadow
 * root that is shown (popover open, or not display:none), or null. */
export function shadowPoint(page, selector) {
  return page.evaluate((sel) => {
    const e = [...document.querySelector('skillmark-ui').shadowRoot.querySelectorAll(sel)]
      .find((x) => x.getClientRects().length && getComputedStyle(x).visibility !== 'hidden');
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, selector);
}

/** A real (trusted) mouse click on an element of the extension's UI. */
export async function clickShadow(page, selector) {
  let p = null;
  await expect.poll(async () => (p = await shadowPoint(page, selector)), { message: `${selector} shown` }).not.toBeNull();
  await page.mouse.click(p.x, p.y);
}

/** Ctrl+<key> (e.g. the editor's undo). */
export async function ctrl(page, key) {
  await page.keyboard.down('Control');
  await page.keyboard.press(key);
  await page.keyboard.up('Control');
}
