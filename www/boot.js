// Runs before build/app.js, as a plain script (no module, no import): if the page's module or
// one it imports (the engine glue pkg/skillmark.js, the engine bytes pkg/skillmark_bg_wasm.js)
// cannot be loaded, for instance while a rebuild is missing or a file was never built, the page
// says so instead of staying on "Loading the engine…" for ever. An engine that loads but cannot
// start is reported by src/main.js.
(() => {
  const say = () => {
    const el = document.getElementById('status');
    if (!el) return;
    el.textContent = 'The engine failed to load, so nothing can be checked. Reload the page; if this stays, rebuild it with ./x serve.';
    el.classList.add('error');
    el.setAttribute('role', 'alert');
    document.documentElement.dataset.engineError = 'load';
  };
  addEventListener('error', (e) => {
    const t = e.target;
    if (t instanceof HTMLScriptElement && t.type === 'module' && document.documentElement.dataset.ready !== 'true') {
      if (document.readyState === 'loading') addEventListener('DOMContentLoaded', say, { once: true });
      else say();
    }
  }, true);
})();
