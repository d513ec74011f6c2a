// Content-script entry (bundled by esbuild into one classic script, content.js).
import { adapter } from './adapter.js';
import { boot } from './main.js';

(() => {
  if (globalThis.__skillmarkStarted) return;
  globalThis.__skillmarkStarted = true;
  // A same-origin child frame is handled by its parent frame's instance (one UI layer, one
  // engine); a cross-origin frame runs its own.
  try { if (window !== window.top && window.frameElement) return; } catch { /* cross-origin */ }
  // Turned off for the site (the popup), it may be turned on again in this page: the popup's
  // "Turn on" runs this script again, which must then start.
  const onDestroyed = () => { globalThis.__skillmarkStarted = false; };
  boot(adapter, { onDestroyed }).catch((e) => console.warn('Skillmark could not start:', e && e.name));
})();
