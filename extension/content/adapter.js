// The only content-script file that touches chrome.* (WebExtension) APIs. Everything else is
// plain DOM code shared with the playground.
import { workerConnector, EngineError } from '../lib/engine.js';
import { spawnEngineWorker } from './worker.js';

const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
const randomKey = () => Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('');

export const adapter = {
  getURL: (path) => api.runtime.getURL(path),
  /** A connection to the engine in a dedicated blob: Worker of this page (off its main thread);
   * the worker streams the packaged .wasm (web-accessible) itself. */
  workerConnect: () => workerConnector(spawnEngineWorker, api.runtime.getURL('pkg/skillmark_bg.wasm'))(),
  /** A connection to the engine in a Worker of the extension's own origin (background.js), for
   * pages whose CSP forbids the blob: worker or wasm. kill() terminates that worker. */
  remoteConnect() {
    const key = randomKey();
    const send = (method, args) => api.runtime.sendMessage({ type: 'engine', key, method, args }).then((r) => {
      if (!r || r.error) throw new EngineError(r ? r.error : 'NoEngine');
      return r.result;
    });
    return { call: send, kill: () => { send('reset', []).catch(() => {}); } };
  },
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
