// Writes the manifest for one browser: `node manifest.mjs chrome|firefox [test-origin]`.
// The shipped build asks for no host at install: sites are enabled one by one from the popup
// (optional_host_permissions). A test build (second argument, e.g. http://127.0.0.1) also
// grants that one origin and injects the content script there, because an automated browser
// cannot click the toolbar popup's permission prompt.
import { readFileSync } from 'node:fs';

const [browser, testOrigin] = process.argv.slice(2);
const version = readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8').match(/^version = "([^"]+)"/m)[1];
const sites = ['https://*/*', 'http://*/*'];

const m = {
  manifest_version: 3,
  name: 'Skillmark',
  version,
  description: 'Checks 97112 treatment notes for what/why/how, outcome, measures and time as you type. Runs locally; sends nothing.',
  // Toolbar (16, 32), extensions page (48, 96) and store listing (128) sizes: icons/make.mjs.
  icons: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 96: 'icons/icon-96.png', 128: 'icons/icon-128.png' },
  action: { default_popup: 'popup/popup.html', default_title: 'Skillmark', default_icon: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png' } },
  permissions: ['storage', 'scripting', 'activeTab'],
  optional_host_permissions: sites,
  web_accessible_resources: [{ resources: ['pkg/skillmark_bg.wasm'], matches: sites }],
  content_security_policy: {
    extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; connect-src 'self'; default-src 'self'; base-uri 'none'; frame-ancestors 'none'",
  },
};

if (browser === 'chrome') {
  m.minimum_chrome_version = '121';
  // The offscreen document hosts the engine's Worker for pages that forbid the content script's
  // own worker (a service worker cannot start one): see background.js.
  m.permissions.push('offscreen');
  m.background = { service_worker: 'background.js', type: 'module' };
  // The packaged .wasm is reachable only through a per-session URL, so pages cannot probe for it.
  m.web_accessible_resources[0].use_dynamic_url = true;
} else if (browser === 'firefox') {
  m.background = { scripts: ['background.js'], type: 'module' };
  m.browser_specific_settings = {
    gecko: { id: 'skillmark@skillmark.example', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
  };
} else {
  throw new Error('usage: node manifest.mjs chrome|firefox [test-origin]');
}

if (testOrigin) {
  const host = new URL(testOrigin);
  const pattern = `${host.protocol}//${host.hostname}/*`;
  m.name += ' (test build)';
  m.host_permissions = [pattern];
  m.content_scripts = [{
    matches: [pattern], js: ['content.js'], all_frames: true, match_about_blank: true, run_at: 'document_idle',
    ...(browser === 'chrome' ? { match_origin_as_fallback: true } : {}),
  }];
}

process.stdout.write(JSON.stringify(m, null, 2) + '\n');
