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
    // Chrome: 'offscreen' for the document whose Worker runs the engine on strict-CSP pages.
    assert.deepEqual(m.permissions, browser === 'chrome' ? ['storage', 'scripting', 'activeTab', 'offscreen'] : ['storage', 'scripting', 'activeTab']);
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

// The test build's hooks (an engine that hangs on a marker, a deadline the page can shorten) must
// not ship: the shipped bundle has neither, the test build (output/ext) has both.
const HOOKS = ['SKILLMARK_TEST_HANG', 'skillmarkTestDeadline'];
for (const browser of ['chrome', 'firefox']) {
  test(`${browser}: the shipped bundle has no test hook; the test build has them`, () => {
    const shipped = files(join(ship, browser)).filter((f) => /\.(js|html|json)$/.test(f));
    assert.ok(shipped.some((f) => f.endsWith('engine-worker.js')) && shipped.some((f) => f.endsWith('content.js')));
    for (const f of shipped) {
      const text = readFileSync(f, 'utf8');
      for (const h of HOOKS) assert.ok(!text.includes(h), `${h} in shipped ${f}`);
    }
    const ext = join(root, 'tests/e2e/output/ext', browser);
    const content = readFileSync(join(ext, 'content.js'), 'utf8');
    for (const h of HOOKS) assert.ok(content.includes(h), `${h} in the test build's content.js`);
    assert.ok(readFileSync(join(ext, 'engine-worker.js'), 'utf8').includes(HOOKS[0]));
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
