// Static checks of the shipped package (built by run.sh into output/ship): permissions,
// CSP, one packaged .wasm, and no network API anywhere in the extension's own code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;
const ship = join(root, 'tests/e2e/output/ship');
const files = (dir) => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? (f === 'node_modules' ? [] : files(p)) : [p];
});

for (const browser of ['chrome', 'firefox']) {
  test(`${browser}: permissions and CSP`, () => {
    const m = JSON.parse(readFileSync(join(ship, browser, 'manifest.json'), 'utf8'));
    assert.equal(m.manifest_version, 3);
    assert.deepEqual(m.permissions, ['storage', 'scripting', 'activeTab']);
    assert.equal(m.host_permissions, undefined, 'no host granted at install');
    assert.equal(m.content_scripts, undefined, 'no static content script: sites are enabled one by one');
    assert.deepEqual(m.optional_host_permissions, ['https://*/*', 'http://*/*']);
    assert.ok(!JSON.stringify(m).includes('<all_urls>'));
    const csp = m.content_security_policy.extension_pages;
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
    assert.match(csp, /connect-src 'self';/);
    assert.deepEqual(m.web_accessible_resources[0].resources, ['pkg/skillmark_bg.wasm']);
    const wasm = files(join(ship, browser)).filter((f) => f.endsWith('.wasm'));
    assert.equal(wasm.length, 1, 'one packaged .wasm');
    // The .wasm is not inlined anywhere (no base64 copy in the scripts).
    const big = files(join(ship, browser)).filter((f) => f.endsWith('.js')).map((f) => readFileSync(f, 'utf8'));
    for (const js of big) assert.ok(!/AGFzbQ/.test(js), 'no base64 wasm');
  });
}

test('no network API in the extension source (generated pkg/ excluded)', () => {
  const src = files(join(root, 'extension')).filter((f) => /\.(m?js|html)$/.test(f) && !f.includes('/pkg/'));
  assert.ok(src.length > 10);
  for (const f of src) {
    const text = readFileSync(f, 'utf8');
    assert.doesNotMatch(text, /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|importScripts\(/, f);
    assert.doesNotMatch(text, /['"`]https?:\/\/(?!127\.0\.0\.1)[a-z]/i, `no remote URL literal in ${f}`);
  }
});

test('no note text is logged: console calls carry error names only', () => {
  const src = files(join(root, 'extension')).filter((f) => /\.m?js$/.test(f) && !f.includes('/pkg/'));
  for (const f of src) {
    const text = readFileSync(f, 'utf8');
    const all = text.match(/console\.\w+\(/g) || [];
    const safe = text.match(/console\.\w+\('[^']*', e && e\.name\)/g) || [];
    assert.equal(all.length, safe.length, `${f}: every console call logs a fixed string and an error name`);
  }
});
