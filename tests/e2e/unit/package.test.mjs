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

// The test build's hooks (an engine that hangs on a marker, a deadline the page can shorten, a
// start the page can slow down, the latency benchmark's paint log; the background's count of
// engine workers) must not ship: the shipped bundle has none, the test build (output/ext) has them.
const HOOKS = ['SKILLMARK_TEST_HANG', 'skillmarkTestDeadline', 'skillmarkTestStartDelay', 'skillmark:paint-log'];
const BACKGROUND_HOOK = 'test-engines';
for (const browser of ['chrome', 'firefox']) {
  test(`${browser}: the shipped bundle has no test hook; the test build has them`, () => {
    const shipped = files(join(ship, browser)).filter((f) => /\.(js|html|json)$/.test(f));
    assert.ok(shipped.some((f) => f.endsWith('engine-worker.js')) && shipped.some((f) => f.endsWith('content.js')));
    for (const f of shipped) {
      const text = readFileSync(f, 'utf8');
      for (const h of [...HOOKS, BACKGROUND_HOOK]) assert.ok(!text.includes(h), `${h} in shipped ${f}`);
    }
    const ext = join(root, 'tests/e2e/output/ext', browser);
    const content = readFileSync(join(ext, 'content.js'), 'utf8');
    for (const h of HOOKS) assert.ok(content.includes(h), `${h} in the test build's content.js`);
    assert.ok(readFileSync(join(ext, 'engine-worker.js'), 'utf8').includes(HOOKS[0]));
    assert.ok(readFileSync(join(ext, 'background.js'), 'utf8').includes(BACKGROUND_HOOK));
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

// Issue 9: the package a store receives. Icons at every size the manifest names (real PNGs of
// that size), and the store zips (run.sh builds them with extension/build.sh --package) hold
// exactly the unpacked build, manifest.json at their root.
const pngSize = (file) => {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
};
/** The file names in a zip, from its central directory. */
const zipNames = (file) => {
  const b = readFileSync(file);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, `${file} is a zip`);
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assert.equal(b.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const [n, x, c] = [b.readUInt16LE(at + 28), b.readUInt16LE(at + 30), b.readUInt16LE(at + 32)];
    names.push(b.subarray(at + 46, at + 46 + n).toString('utf8'));
    at += 46 + n + x + c;
  }
  return names.filter((n) => !n.endsWith('/')).sort();
};

for (const browser of ['chrome', 'firefox']) {
  test(`${browser}: icons for the toolbar and the store`, () => {
    const dir = join(ship, browser);
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assert.deepEqual(Object.keys(m.icons).map(Number).sort((a, b) => a - b), [16, 32, 48, 96, 128]);
    for (const [size, path] of [...Object.entries(m.icons), ...Object.entries(m.action.default_icon)]) {
      assert.deepEqual(pngSize(join(dir, path)), [Number(size), Number(size)], path);
    }
  });

  test(`${browser}: the store package holds the build, manifest at its root`, () => {
    const m = JSON.parse(readFileSync(join(ship, browser, 'manifest.json'), 'utf8'));
    const zip = join(ship, `skillmark-${browser}-${m.version}.zip`);
    const inZip = zipNames(zip);
    const built = files(join(ship, browser)).map((f) => f.slice(join(ship, browser).length + 1)).sort();
    assert.deepEqual(inZip, built);
    assert.ok(inZip.includes('manifest.json') && inZip.includes('icons/icon-128.png') && inZip.includes('pkg/skillmark_bg.wasm'));
  });
}
