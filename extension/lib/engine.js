// The engine as seen by the UI: `analyze(text, options)`, `rules()` and `draft(text)`, behind a promise API so
// the same UI works with the in-page wasm (content script / playground) and with the fallback
// that runs the wasm in the extension's own origin (pages whose CSP forbids wasm).

/**
 * Loads the wasm-bindgen module in this realm.
 * `pkg` is the imported pkg/skillmark.js namespace; `wasm` either the URL of the packaged
 * skillmark_bg.wasm (chrome-extension://… from runtime.getURL in the extension; the generated
 * init streams that one same-package file, nothing else is ever requested) or the module's bytes
 * (the playground, whose CSP `connect-src 'none'` forbids any request: see www/src/main.js).
 */
export async function createLocalEngine(pkg, wasm) {
  const t0 = performance.now();
  await pkg.default({ module_or_path: wasm });
  const instantiateMs = performance.now() - t0;
  let rulesCache = null;
  return {
    kind: 'local',
    instantiateMs,
    version: pkg.version(),
    async analyze(text, options) { return pkg.analyze(text, options ?? undefined); },
    analyzeSync(text, options) { return pkg.analyze(text, options ?? undefined); },
    async rules() { return (rulesCache ??= pkg.rules()); },
    async draft(text) { return pkg.draft(text); },
  };
}

/** An engine that forwards to another context through `call(method, args)` (a message hop). */
export function createRemoteEngine(call) {
  let rulesCache = null;
  return {
    kind: 'remote',
    instantiateMs: 0,
    async analyze(text, options) { return call('analyze', [text, options ?? null]); },
    async rules() { return (rulesCache ??= await call('rules', [])); },
    async draft(text) { return call('draft', [text]); },
  };
}

/** True for the error a page CSP without 'wasm-unsafe-eval' gives when compiling wasm. */
export function isWasmBlocked(err) {
  return err instanceof WebAssembly.CompileError || /Content Security Policy|disallowed by embedder|wasm-unsafe-eval/i.test(String(err && err.message));
}
