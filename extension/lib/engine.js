// The engine as seen by the UI: `analyze(text, options)`, `rules()`, `draft(text)`, `soap(text)`, behind a
// promise API so the same UI works with the in-page wasm (the playground), with a dedicated
// Worker (the extension's content script) and with a worker in the extension's own origin (pages
// whose CSP forbids a worker or wasm in the page).
//
// Off the main thread, every call has a deadline (createSupervisedEngine): a call that misses it
// rejects with EngineTimeout, the worker is terminated and a fresh one started, so no engine bug
// (an endless loop, a quadratic path) can freeze the page. No chrome.* here.

/**
 * Loads the wasm-bindgen module in this realm (the playground: the engine runs in the page).
 * `pkg` is the imported pkg/skillmark.js namespace; `wasm` either the URL of the packaged
 * skillmark_bg.wasm or the module's bytes (the playground, whose CSP `connect-src 'none'` forbids
 * any request: see www/src/main.js).
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
    async rules() { return (rulesCache ??= pkg.rules()); },
    async draft(text) { return pkg.draft(text); },
    async soap(text) { return pkg.soap(text); },
  };
}

/** A call that missed its deadline: the engine was stopped (and is being restarted). */
export class EngineTimeout extends Error {
  constructor(method) { super(`engine ${method} missed its deadline`); this.name = 'EngineTimeout'; }
}

/** The engine failed or was stopped; `name` carries only an error name, never note text. */
export class EngineError extends Error {
  constructor(name) { super(`engine: ${name}`); this.name = 'EngineError'; this.cause = name; }
}

export const isTimeout = (e) => !!e && e.name === 'EngineTimeout';

/**
 * One connection to an engine running in a Worker (see extension/engine-worker.js for the other
 * side): `connect()` spawns the worker; the connection's `call(method, args)` posts one request
 * ('init' sends `wasm`: a URL of the packaged .wasm, or a WebAssembly.Module) and resolves with its
 * answer; `kill()` terminates the worker at once (even inside an endless loop) and rejects what
 * was pending.
 */
export function workerConnector(spawn, wasm) {
  return () => {
    const worker = spawn();
    const pending = new Map();
    let next = 0;
    let dead = null;
    const failAll = (e) => { for (const p of pending.values()) p.reject(e); pending.clear(); };
    worker.onmessage = ({ data }) => {
      const p = data && pending.get(data.id);
      if (!p) return;
      pending.delete(data.id);
      conn.workerMs = data.ms ?? null;
      conn.workerAt = data.at ?? null;
      if (data.error) p.reject(new EngineError(data.error)); else p.resolve(data.result);
    };
    // A worker that cannot load (CSP, missing file) or throws outside a request.
    worker.onerror = (ev) => { ev.preventDefault?.(); dead = new EngineError('WorkerError'); failAll(dead); };
    const conn = {
      /** The worker's own time on the last answered call (ms), without the messages' hops, and
       * when it started (performance.timeOrigin + now, the clock all threads share). */
      workerMs: null,
      workerAt: null,
      call(method, args = []) {
        if (dead) return Promise.reject(dead);
        const id = ++next;
        return new Promise((resolve, reject) => {
          pending.set(id, { resolve, reject });
          worker.postMessage({ id, method, args: method === 'init' ? [wasm] : args });
        });
      },
      kill() {
        dead ??= new EngineError('Terminated');
        worker.terminate();
        failAll(dead);
      },
    };
    return conn;
  };
}

/**
 * Engines per key in one context (the extension's offscreen document or Firefox background page):
 * `call(key, method, args)`, where `key` names one content-script connection; 'reset' terminates
 * that key's worker. At most `max` workers live at once (least recently used goes first).
 */
export function createWorkerHost(spawn, wasm, { max = 8 } = {}) {
  const connect = workerConnector(spawn, wasm);
  const conns = new Map();
  const drop = (key) => { const c = conns.get(key); if (c) { conns.delete(key); c.kill(); } };
  return {
    async call(key, method, args) {
      if (method === 'reset') { drop(key); return true; }
      let c = conns.get(key);
      if (c) { conns.delete(key); conns.set(key, c); } else {
        c = connect();
        c.info = c.call('init');
        conns.set(key, c);
        while (conns.size > max) drop(conns.keys().next().value);
        c.info.catch(() => { if (conns.get(key) === c) drop(key); });
      }
      const info = await c.info;
      return method === 'init' ? info : c.call(method, args);
    },
    /** Terminates every worker whose key starts with `prefix` (a closed tab). */
    dropPrefix(prefix) { for (const k of [...conns.keys()]) if (k.startsWith(prefix)) drop(k); },
    get size() { return conns.size; },
  };
}

/**
 * The engine behind a deadline. `connect()` returns a connection `{call(method, args), kill()}`
 * (a worker, or a message hop to the extension's worker host); calls are sent one at a time, and
 * each gets `deadlineMs + perCharMs * text length` (instantiation gets `initDeadlineMs`). A call
 * that misses it kills the connection and starts a new one at once; the call is tried once more
 * there, and rejects with EngineTimeout if it misses again. `onRestart()` is told after each kill.
 */
export function createSupervisedEngine(connect, { kind = 'worker', deadlineMs = 1500, perCharMs = 0.005, initDeadlineMs = 15_000, onRestart } = {}) {
  let conn = null;
  let info = null; // the running connection's init promise
  let queue = Promise.resolve();
  let rulesCache = null;
  let disposed = false;
  // busySince: when the call in flight was sent (0 when idle); counters only, never text.
  // workerMs: the engine's own time on the last call (a worker connection says it; else null),
  // workerAt: when it started there (performance.timeOrigin + now).
  const stats = { restarts: 0, timeouts: 0, instantiateMs: null, version: null, busySince: 0, workerMs: null, workerAt: null };

  function timed(c, method, args, ms) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        stats.timeouts++;
        reject(new EngineTimeout(method));
        // A stuck start is not retried on its own (the next call tries again).
        restart(c, method !== 'init');
      }, ms);
      Promise.resolve().then(() => c.call(method, args)).then(
        (v) => { clearTimeout(t); resolve(v); },
        (e) => { clearTimeout(t); reject(e); },
      );
    });
  }

  function open() {
    if (conn) return info;
    const c = connect();
    conn = c;
    const t0 = performance.now();
    info = timed(c, 'init', [], initDeadlineMs).then((i) => {
      stats.instantiateMs = i && i.instantiateMs != null ? i.instantiateMs : performance.now() - t0;
      stats.version = i && i.version;
      return i;
    });
    // A failed start leaves no half-open connection behind (the next call tries again).
    info.catch(() => { if (conn === c) { conn = null; info = null; c.kill(); } });
    return info;
  }

  function restart(c, eager) {
    if (conn !== c) return;
    conn = null;
    info = null;
    try { c.kill(); } catch { /* already gone */ }
    stats.restarts++;
    if (eager && !disposed) open().catch(() => {});
    if (onRestart) onRestart();
  }

  function run(method, args) {
    const budget = deadlineMs + perCharMs * (typeof args[0] === 'string' ? args[0].length : 0);
    const job = queue.then(async () => {
      if (disposed) throw new EngineError('Disposed');
      // A call that misses its deadline is tried once more on the restarted engine: a stall of a
      // busy machine passes, a real hang misses twice and the caller pauses the field.
      for (let attempt = 0; ; attempt++) {
        await open();
        stats.busySince = performance.now();
        try {
          const c = conn;
          const v = await timed(c, method, args, budget);
          stats.workerMs = c.workerMs ?? null;
          stats.workerAt = c.workerAt ?? null;
          return v;
        } catch (e) {
          if (!(e instanceof EngineTimeout) || attempt > 0 || disposed) throw e;
        } finally {
          stats.busySince = 0;
        }
      }
    });
    queue = job.catch(() => {});
    return job;
  }

  return {
    kind,
    stats,
    get instantiateMs() { return stats.instantiateMs; },
    /** Starts the engine (spawn + instantiate); rejects when it cannot run in this context. */
    start() { return open(); },
    analyze(text, options) { return run('analyze', [text, options ?? null]); },
    async rules() { return (rulesCache ??= await run('rules', [])); },
    draft(text) { return run('draft', [text]); },
    soap(text) { return run('soap', [text]); },
    dispose() { disposed = true; if (conn) { conn.kill(); conn = null; info = null; } },
  };
}
