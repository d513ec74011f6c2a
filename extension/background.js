// Background (MV3 service worker on Chrome, event page on Firefox). Three jobs:
// 1. per-site enablement: after the popup obtains an optional host permission for an origin,
//    register the content script for that origin (and remove it when the permission goes);
// 2. the per-tab "hide" switch state (session storage, never note text);
// 3. the engine fallback for pages whose CSP forbids the content script's blob: worker or wasm:
//    the engine runs in a Worker of the extension's origin (CSP script-src 'self'
//    'wasm-unsafe-eval'): in the offscreen document on Chrome (a service worker cannot start a
//    Worker), in this background page on Firefox. One worker per content-script connection; the
//    content script gives every call a deadline and sends 'reset' on a miss, which terminates
//    that worker. The note text arrives by extension messaging, is analysed and dropped; nothing
//    is stored or logged. This script never runs the engine itself, so it cannot hang.
/* global SKILLMARK_TEST_BUILD */
import { createWorkerHost } from './lib/engine.js';
import { scriptIdFor, originsToRegister } from './popup/logic.js';

const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
const isFirefox = !!globalThis.browser?.runtime?.getBrowserInfo;

// Firefox (event page): the workers live here. Chrome: in the offscreen document (offscreen.js).
const host = typeof Worker === 'function'
  ? createWorkerHost(() => new Worker(api.runtime.getURL('engine-worker.js'), { name: 'skillmark-engine' }), api.runtime.getURL('pkg/skillmark_bg.wasm'))
  : null;

let offscreen = null;
function ensureOffscreen() {
  offscreen ??= (async () => {
    const have = await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
    if (!have.length) {
      await api.offscreen.createDocument({
        url: 'offscreen.html', reasons: ['WORKERS'],
        justification: 'Runs the note checker in a worker that is stopped and restarted if it hangs.',
      });
    }
  })().catch((e) => { offscreen = null; throw e; });
  return offscreen;
}

async function engineCall(key, method, args) {
  if (host) return host.call(key, method, args);
  await ensureOffscreen();
  const r = await api.runtime.sendMessage({ target: 'sm-offscreen', key, method, args });
  if (!r || r.error) { const e = new Error('engine'); e.name = r ? String(r.error) : 'NoEngine'; throw e; }
  return r.result;
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg !== 'object') return false;
  if (msg.type === 'engine') {
    const key = `${sender.tab ? sender.tab.id : 'x'}:${sender.frameId ?? 0}:${String(msg.key)}`;
    engineCall(key, String(msg.method), Array.isArray(msg.args) ? msg.args : [])
      .then((result) => sendResponse({ result }), (e) => sendResponse({ error: e && e.cause ? e.cause : e && e.name ? e.name : 'error' }));
    return true;
  }
  if (msg.type === 'tab-state') {
    const tabId = sender.tab && sender.tab.id;
    api.storage.session.get('hidden').then((v) => sendResponse({ hidden: !!(v.hidden || {})[tabId] }));
    return true;
  }
  // The test build only: how many engine workers live here (a count, no text).
  if (SKILLMARK_TEST_BUILD && msg.type === 'test-engines') {
    sendResponse({ engines: host ? host.size : null });
    return false;
  }
  if (msg.type === 'sync-registrations') {
    syncRegistrations().then(() => sendResponse({ ok: true }), () => sendResponse({ ok: false }));
    return true;
  }
  return false;
});

/** Makes the registered content scripts match exactly the granted optional origins. */
async function syncRegistrations() {
  const granted = (await api.permissions.getAll()).origins || [];
  const current = await api.scripting.getRegisteredContentScripts();
  const want = originsToRegister(granted);
  const stale = current.filter((s) => s.id.startsWith('sm:') && !want.includes(s.matches[0])).map((s) => s.id);
  if (stale.length) await api.scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(current.map((s) => s.id));
  const add = want.filter((p) => !have.has(scriptIdFor(p))).map((p) => ({
    id: scriptIdFor(p), matches: [p], js: ['content.js'], allFrames: true, runAt: 'document_idle',
    persistAcrossSessions: true, ...(isFirefox ? {} : { matchOriginAsFallback: true }),
  }));
  if (add.length) await api.scripting.registerContentScripts(add);
}

api.permissions.onAdded.addListener(() => syncRegistrations());
api.permissions.onRemoved.addListener(() => syncRegistrations());
api.runtime.onInstalled.addListener(() => syncRegistrations());
api.tabs.onRemoved.addListener(async (tabId) => {
  // The closed tab's engine workers go with it.
  if (host) host.dropPrefix(`${tabId}:`);
  else if (offscreen) api.runtime.sendMessage({ target: 'sm-offscreen', drop: `${tabId}:` }).catch(() => {});
  const v = (await api.storage.session.get('hidden')).hidden || {};
  if (v[tabId]) { delete v[tabId]; await api.storage.session.set({ hidden: v }); }
});
