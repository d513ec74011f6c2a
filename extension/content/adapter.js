// The only content-script file that touches chrome.* (WebExtension) APIs. Everything else is
// plain DOM code shared with the playground.

const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;

export const adapter = {
  getURL: (path) => api.runtime.getURL(path),
  /** Calls the engine running in the extension's own origin (used when the page CSP forbids wasm). */
  remoteCall: (method, args) => api.runtime.sendMessage({ type: 'engine', method, args }).then((r) => {
    if (!r || r.error) throw new Error(r ? r.error : 'no engine');
    return r.result;
  }),
  async storageGet(key) {
    const v = await api.storage.local.get(key);
    return v[key];
  },
  storageSet: (key, value) => api.storage.local.set({ [key]: value }),
  /** Per-tab "hide" switch and site disable, sent by the popup. */
  onCommand(cb) {
    api.runtime.onMessage.addListener((msg) => {
      if (msg && (msg.type === 'hide' || msg.type === 'disable')) cb(msg);
    });
  },
  async isHidden() {
    try {
      const r = await api.runtime.sendMessage({ type: 'tab-state' });
      return !!(r && r.hidden);
    } catch { return false; }
  },
};
