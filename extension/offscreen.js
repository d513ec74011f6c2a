// Chrome's offscreen document (reason WORKERS): holds the engine workers for the background
// fallback, one per content-script connection (key), and answers the service worker's
// {target: 'sm-offscreen'} messages. 'reset' terminates a key's worker (a missed deadline).
import { createWorkerHost } from './lib/engine.js';

const host = createWorkerHost(() => new Worker('engine-worker.js', { name: 'skillmark-engine' }), new URL('pkg/skillmark_bg.wasm', location.href).href);

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || msg.target !== 'sm-offscreen') return false;
  if (msg.drop) { host.dropPrefix(String(msg.drop)); return false; }
  host.call(String(msg.key), String(msg.method), Array.isArray(msg.args) ? msg.args : [])
    .then((result) => sendResponse({ result }), (e) => sendResponse({ error: e && e.cause ? e.cause : e && e.name ? e.name : 'error' }));
  return true;
});
