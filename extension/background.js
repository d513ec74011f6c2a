// Background (MV3 service worker on Chrome, event page on Firefox). Three jobs:
// 1. per-site enablement: after the popup obtains an optional host permission for an origin,
//    register the content script for that origin (and remove it when the permission goes);
// 2. the per-tab "hide" switch state (session storage, never note text);
// 3. the engine fallback for pages whose CSP forbids wasm in content scripts: the wasm runs
//    here, in the extension's origin (CSP script-src 'self' 'wasm-unsafe-eval'). The note text
//    arrives by extension messaging, is analysed and dropped; nothing is stored or logged.
import init, { analyze, rules, draft } from './pkg/skillmark.js';
import { scriptIdFor, originsToRegister } from './popup/logic.js';

const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
const isFirefox = !!globalThis.browser?.runtime?.getBrowserInfo;

let ready = null;
// The generated init reads this extension's own packaged file (runtime.getURL, same origin);
// no other URL is ever passed.
const engine = () => (ready ??= init({ module_or_path: api.runtime.getURL('pkg/skillmark_bg.wasm') }));

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg !== 'object') return false;
  if (msg.type === 'engine') {
    engine().then(() => {
      const text = String(msg.args[0] ?? '');
      const result = msg.method === 'rules' ? rules() : msg.method === 'draft' ? draft(text) : analyze(text, msg.args[1] ?? undefined);
      sendResponse({ result });
    }).catch((e) => sendResponse({ error: e && e.name ? e.name : 'error' }));
    return true;
  }
  if (msg.type === 'tab-state') {
    const tabId = sender.tab && sender.tab.id;
    api.storage.session.get('hidden').then((v) => sendResponse({ hidden: !!(v.hidden || {})[tabId] }));
    return true;
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
  const v = (await api.storage.session.get('hidden')).hidden || {};
  if (v[tabId]) { delete v[tabId]; await api.storage.session.set({ hidden: v }); }
});
