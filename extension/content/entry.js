// Content-script entry (bundled by esbuild into one classic script, content.js).
import { adapter } from './adapter.js';
import { boot } from './main.js';

(() => {
  if (globalThis.__skillmarkStarted) return;
  globalThis.__skillmarkStarted = true;
  // A same-origin child frame is handled by its parent frame's instance (one UI layer, one
  // engine); a cross-origin frame runs its own.
  try { if (window !== window.top && window.frameElement) return; } catch { /* cross-origin */ }
  boot(adapter).catch((e) => console.warn('Skillmark could not start:', e && e.name));
})();
