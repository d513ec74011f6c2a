// Starts the engine's dedicated Worker from the content script. A content script cannot start a
// Worker from a chrome-extension:// URL (a worker must be same-origin with the page), so the
// worker's script (engine-worker.js, bundled in as text by bundle.mjs) runs from a blob: URL:
// the page's own process, off its main thread. A page whose CSP forbids blob: workers or wasm
// makes this fail, and the caller falls back to the extension's background worker.
import source from 'skillmark:engine-worker-source';

let url = null;
export function spawnEngineWorker() {
  url ??= URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Worker(url, { name: 'skillmark-engine' });
}
