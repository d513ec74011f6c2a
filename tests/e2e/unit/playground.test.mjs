// Static checks of the playground (www/): its CSP, no network API in its source or its bundle,
// and the shared UI code imported from extension/lib rather than copied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const www = new URL('../../../www/', import.meta.url).pathname;

test('CSP meta: nothing may connect; scripts only from the page origin', () => {
  const html = readFileSync(join(www, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  for (const d of ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self' data:", "connect-src 'none'"]) {
    assert.ok(csp.includes(d), d);
  }
  assert.doesNotMatch(html, /<style|style="|<script>(?!<)/, 'no inline style or script');
});

test('no network API in the playground source or its bundle (generated pkg/ excluded)', () => {
  const files = [join(www, 'index.html'), ...readdirSync(join(www, 'src')).map((f) => join(www, 'src', f))];
  if (existsSync(join(www, 'build/app.js'))) files.push(join(www, 'build/app.js'));
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    assert.doesNotMatch(text, /\bfetch\(|XMLHttpRequest|new WebSocket|sendBeacon|new EventSource|importScripts\(/, f);
    assert.doesNotMatch(text, /['"`]https?:\/\/(?!127\.0\.0\.1)[a-z]/i, `no remote URL literal in ${f}`);
  }
});

test('the UI modules come from extension/lib, not copies', () => {
  const main = readFileSync(join(www, 'src/main.js'), 'utf8');
  for (const m of ['engine', 'mirror', 'marks', 'spanmap', 'scheduler', 'insert', 'panel', 'popover', 'draftview', 'styles']) {
    assert.match(main, new RegExp(`from '\\.\\./\\.\\./extension/lib/${m}\\.js'`), m);
  }
  assert.ok(!existsSync(join(www, 'lib')), 'no copied lib/ in www');
});
