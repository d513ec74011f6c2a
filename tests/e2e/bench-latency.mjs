// Benchmark (not a timed test) of issue 23's latency goal: keystroke -> fresh marks in the page,
// p95 <= 50 ms on a 10,000-character note in Chromium, without making typing slower (the longest
// main-thread task while typing in a 1 MB note stays under 50 ms).
//
//   ./x bench-latency          (builds the engine, the test build of the extension, the fixtures)
//   cd tests/e2e && node bench-latency.mjs      (after tests/e2e/run.sh or ./x bench-latency built them)
//
// For a textarea, a contenteditable and TinyMCE, each holding a 10,000-character note:
// * "one key": a key, then wait for its fresh marks, 200 times: the key (its keydown event's
//   time stamp: when the browser took it in) -> the end of the frame that painted marks of an
//   analysis of exactly the text now in the field (the extension stamps the first task after that
//   frame's rendering, not its animation-frame callback; marks of older text shifted across the
//   edit do not count; `shift` is the time to those);
// * "typing": 200 keys at a steady pace (TYPING_MS, default 80 ms, ~150 words a minute), without
//   waiting: for each key, its keydown -> the first painted frame with marks of an analysis of a
//   text that holds it (keys typed while that analysis ran are shifted over until the next one).
// Then the long tasks (PerformanceObserver 'longtask', which sees the content script's work: one
// event loop; the engine's worker is not on it) while typing in a 200,000-character note (the
// longest the extension checks) and a 1 MB note, with the same field opted out as the baseline.
// Times are the top page's performance.now() clock; the paint times come from the extension's
// counters and the test build's paint log (times and lengths, no text).
// Env: BENCH_EXT=DIR another unpacked build (e.g. an older commit's, to compare); KEYS=N keys
// per run (200); SIZES=2000,10000,100000 the notes' sizes (10000); ONLY=textarea,tinymce some
// field kinds; LONG_SIZES (200000,1000000); NO_LONGTASKS=1 or ONLY_LONGTASKS=1;
// BENCH_OUT=FILE (default output/bench-latency.json); RAW=1 keeps every key's figures in it; PROFILE=1 instead says where the time
// goes while typing (a trace's long tasks and a CPU profile; e.g. PROFILE=1 KEYS=30 ONLY=tinymce).
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';

const here = new URL('.', import.meta.url).pathname;
const EXT = process.env.BENCH_EXT || join(here, 'output/ext/chrome');
const KEYS = Number(process.env.KEYS) || 200;
const TYPING_MS = Number(process.env.TYPING_MS) || 80;
const notes = readFileSync(join(here, '../../../shared/corpus/dev.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text);
const noteOf = (n) => { let t = ''; let i = 0; while (t.length < n) t += notes[i++ % notes.length] + '\n\n'; return t.slice(0, n); };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };
const r1 = (x) => Math.round(x * 10) / 10;
const summary = (xs) => ({ p50: r1(pct(xs, 50)), p95: r1(pct(xs, 95)), max: r1(Math.max(...xs)), n: xs.length });
// What is typed: ordinary words and spaces (the analysis changes as they land).
const TYPED = 'pt performed tandem stance with min assist to improve balance and postural control ';
const keyOf = (i) => (TYPED[i % TYPED.length] === ' ' ? 'Space' : TYPED[i % TYPED.length]);

const server = await startServer();
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = mkdtempSync(join(tmpdir(), 'sm-bench-latency-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: false, viewport: { width: 1000, height: 800 },
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync', `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
});
if (!ctx.serviceWorkers().length) await ctx.waitForEvent('serviceworker');

const stats = (page) => page.evaluate(() => { document.dispatchEvent(new Event('skillmark:stats'));
  return JSON.parse(document.querySelector('skillmark-ui')?.dataset.stats || '{}'); });
const paintLog = (page) => page.evaluate(() => { document.dispatchEvent(new Event('skillmark:paint-log'));
  return JSON.parse(document.querySelector('skillmark-ui').dataset.paintLog || '[]'); });
const badgeShown = () => [...(document.querySelector('skillmark-ui')?.shadowRoot.querySelectorAll('.sm-badge') || [])].some((b) => b.style.display !== 'none');

/** Opens a page holding `text` in one field of `kind` (the other fields opted out), the caret
 * in the text; resolves when the extension has painted fresh marks of it. */
async function open(kind, text, { optOut = false } = {}) {
  const page = await ctx.newPage();
  if (kind === 'tinymce') {
    await page.goto(`${origin}/tinymce.html`);
    await page.waitForFunction(() => window.editorReady === true);
    await page.evaluate(([t, off]) => {
      const ed = window.tinymce.activeEditor;
      if (off) ed.getBody().setAttribute('data-skillmark', 'off');
      const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      ed.setContent(t.split('\n').map((l) => `<p>${l ? esc(l) : '<br>'}</p>`).join(''));
    }, [text, optOut]);
  } else {
    await page.goto(`${origin}/bench.html`);
    await page.evaluate(([k, t, off]) => {
      const el = document.querySelector(k === 'textarea' ? '#note' : '#rich');
      for (const f of document.querySelectorAll('#note, #rich')) if (f !== el || off) f.setAttribute('data-skillmark', 'off');
      if (el.localName === 'textarea') el.value = t;
      else el.replaceChildren(...t.split('\n').map((l) => { const p = document.createElement('p'); p.textContent = l; if (!l) p.append(document.createElement('br')); return p; }));
    }, [kind, text, optOut]);
  }
  // Each key from its keydown event's own time stamp (when the browser took the key in, so a
  // busy main thread's delay before handling it counts), on the top page's clock (TinyMCE's field
  // is in a same-origin frame, whose clock starts at another time origin); its input event counted.
  await page.evaluate((k) => {
    window.__inputs = [];
    window.__keys = [];
    const doc = k === 'tinymce' ? window.tinymce.activeEditor.getDoc() : document;
    const shift = doc.defaultView.performance.timeOrigin - performance.timeOrigin;
    doc.defaultView.addEventListener('keydown', (e) => window.__keys.push(e.timeStamp + shift), true);
    doc.addEventListener('input', () => window.__inputs.push(performance.now()), true);
  }, kind);
  // (Over 200,000 characters the extension does not analyse: no fresh marks to wait for.)
  const checked = !optOut && text.length <= 200_000;
  if (checked) await page.waitForFunction(badgeShown, null, { timeout: 30_000 });
  if (kind === 'tinymce') await page.frameLocator('iframe').locator('body').click({ position: { x: 200, y: 60 } });
  else await page.click(kind === 'textarea' ? '#note' : '#rich', { position: { x: 200, y: 60 } });
  if (checked) {
    await page.waitForFunction((n) => { document.dispatchEvent(new Event('skillmark:stats'));
      return JSON.parse(document.querySelector('skillmark-ui').dataset.stats).freshChars >= n; }, Math.floor(text.length * 0.99), { timeout: 30_000 });
  }
  await page.waitForTimeout(800);
  await page.evaluate(() => { document.dispatchEvent(new Event('skillmark:stats-reset')); window.__inputs = []; window.__keys = []; });
  return page;
}

/** "one key": press, wait for the fresh marks of the new text, KEYS times. */
async function oneKey(kind, size) {
  const page = await open(kind, noteOf(size));
  const base = (await stats(page)).freshChars;
  const fresh = [];
  const shift = [];
  const engine = [];
  const worker = [];
  const rest = [];
  const parts = [];
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(keyOf(i));
    // Waited for in the page, on the test build's "painted" event (a backstop look every 100 ms
    // for builds without it): no polling loop competing with the page for its main thread. The
    // figures are the stamps, whenever they are read.
    const r = await page.evaluate(([n, m]) => new Promise((ok, fail) => {
      const check = () => {
        document.dispatchEvent(new Event('skillmark:stats'));
        const s = JSON.parse(document.querySelector('skillmark-ui').dataset.stats);
        const at = window.__keys[window.__keys.length - 1];
        if (!(window.__inputs.length === n && window.__keys.length === n && s.freshChars >= m && s.freshPaintAt > at && s.shiftPaintAt > at)) return;
        done();
        ok({ ...s, at, input: window.__inputs[n - 1] });
      };
      const backstop = setInterval(check, 100);
      const timeout = setTimeout(() => { done(); fail(new Error('no fresh marks within 10 s')); }, 10_000);
      const done = () => { clearInterval(backstop); clearTimeout(timeout); document.removeEventListener('skillmark:painted', check); };
      document.addEventListener('skillmark:painted', check);
      check();
    }), [i + 1, base + i + 1]);
    if (r.freshChars !== base + i + 1) throw new Error(`${kind}: fresh marks of ${r.freshChars} characters after key ${i + 1} of a ${base}-character note`);
    fresh.push(r.freshPaintAt - r.at);
    shift.push(r.shiftPaintAt - r.at);
    engine.push(r.lastAnalyzeMs);
    worker.push(r.lastEngineMs);
    rest.push(r.freshPaintAt - r.at - r.lastAnalyzeMs);
    if (r.lastTimeline) parts.push(partsOf(r.at, r.input, r.lastTimeline));
    await page.waitForTimeout(20 + (i * 37) % 60); // a pause between keys, varied against the frame clock
  }
  await page.close();
  // engineRoundTrip: the text sent to the worker -> its report back; engineInWorker: the
  // worker's own time on it; beyond: fresh - round trip, what scheduling and painting add.
  return { fresh: summary(fresh), shift: summary(shift), engineRoundTrip: summary(engine), engineInWorker: summary(worker), beyondRoundTrip: summary(rest), ...partsSummary(parts),
    ...(process.env.RAW ? { raw: { fresh, parts } } : {}) };
}

/** Where one key's time to its fresh marks went: its keydown, its input event, then the test
 * build's timeline of the report painted ([painted, analysed, sent, engine start, engine end,
 * back, frame start, frame end]). */
const PARTS = ['keyToInput', 'inputToSent', 'toWorker', 'engine', 'back', 'toFrame', 'frame', 'toPainted'];
function partsOf(at, input, [painted, , sent, start, end, back, frame, drawn]) {
  const t = [at, input, sent, start, end, back, frame, drawn, painted];
  return Object.fromEntries(PARTS.map((k, i) => [k, r1(t[i + 1] - t[i])]));
}
/** p50/p95 of each part, and the parts of the slowest keys (the total is the sum of the parts). */
function partsSummary(parts) {
  if (!parts.length) return {};
  const total = (p) => PARTS.reduce((a, k) => a + p[k], 0);
  const slowest = [...parts].sort((a, b) => total(b) - total(a)).slice(0, Math.max(3, Math.ceil(parts.length / 20)));
  return {
    parts: Object.fromEntries(PARTS.map((k) => [k, `${r1(pct(parts.map((p) => p[k]), 50))} / ${r1(pct(parts.map((p) => p[k]), 95))}`])),
    slowestKeys: slowest.map((p) => `${r1(total(p))}: ${PARTS.map((k) => `${k} ${p[k]}`).join(', ')}`),
  };
}

/** "typing": KEYS keys every TYPING_MS, then each key's time to the first marks of a text holding it. */
async function typing(kind, size) {
  const page = await open(kind, noteOf(size));
  const base = (await stats(page)).freshChars;
  const t0 = Date.now();
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(keyOf(i));
    const wait = t0 + (i + 1) * TYPING_MS - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
  }
  await page.waitForFunction((n) => { document.dispatchEvent(new Event('skillmark:stats'));
    return JSON.parse(document.querySelector('skillmark-ui').dataset.stats).freshChars === n; }, base + KEYS, { timeout: 10_000 });
  const [inputs, keys] = await page.evaluate(() => [window.__inputs, window.__keys]);
  const log = await paintLog(page);
  const s = await stats(page);
  await page.close();
  if (inputs.length !== KEYS || keys.length !== KEYS) throw new Error(`${kind}: ${inputs.length} input and ${keys.length} keydown events for ${KEYS} keys`);
  const fresh = keys.map((at, i) => {
    const p = log.find(([t, n]) => t >= at && n >= base + i + 1);
    if (!p) throw new Error(`${kind}: no marks of an analysis holding key ${i + 1}`);
    return p[0] - at;
  });
  if (process.env.DEBUG) writeFileSync(`output/typing-${kind}.json`, JSON.stringify({ base, keys, log, fresh }));
  return { fresh: summary(fresh), paceMs: r1((keys[keys.length - 1] - keys[0]) / (KEYS - 1)), reportsPainted: log.length, analyses: s.analyses,
    ...(process.env.RAW ? { raw: { fresh } } : {}) };
}

/** Long tasks while typing 60 keys (one per 40 ms) in a note of `size` characters. */
async function longTasks(kind, size, optOut = false) {
  const page = await open(kind, noteOf(size), { optOut });
  await page.evaluate(() => { window.__lt = []; new PerformanceObserver((l) => window.__lt.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' }); });
  for (let i = 0; i < 60; i++) { await page.keyboard.press(keyOf(i)); await page.waitForTimeout(40); }
  await page.waitForTimeout(1500);
  const lt = await page.evaluate(() => window.__lt);
  const own = optOut ? null : (await stats(page)).maxTaskMs;
  await page.close();
  return { longTasks: lt.length, maxMs: lt.length ? r1(Math.max(...lt)) : 0, over50: lt.filter((d) => d > 50).length, extensionMaxTaskMs: own };
}

/** PROFILE=1: where the main thread's time goes while typing KEYS keys every TYPING_MS in a note
 * of `size` (CDP): the tasks over 15 ms with what ran in them (events, frames, messages, layout,
 * paint, GC; from a trace), and the functions with the most self time (a CPU profile, the content
 * script's functions by name). Nothing else is measured in this mode. */
async function whereTimeGoes(kind, size) {
  const page = await open(kind, noteOf(size));
  const cdp = await ctx.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const traced = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < KEYS; i++) { await page.keyboard.press(keyOf(i)); await page.waitForTimeout(TYPING_MS); }
  await page.waitForTimeout(1000);
  const { profile: prof } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await traced;
  await page.close();
  const self = new Map();
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  prof.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const k = `${f.functionName || '(anonymous)'} ${f.url.replace(/.*\//, '')}:${f.lineNumber + 1}`;
    self.set(k, (self.get(k) || 0) + (prof.timeDeltas[i] || 0) / 1000);
  });
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const what = (e) => `${e.name}${e.args?.data?.type ? `(${e.args.data.type})` : ''}`;
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur > 15_000).map((t) => ({
    ms: r1(t.dur / 1000),
    inside: onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > 2000).map((e) => `${what(e)} ${r1(e.dur / 1000)}`),
  }));
  const top = [...self].filter(([k]) => !/^\((idle|program)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, ms]) => [k, r1(ms)]);
  return { keys: KEYS, tasksOver15ms: tasks, selfMsTop: top };
}

const kinds = process.env.ONLY ? process.env.ONLY.split(',') : ['textarea', 'contenteditable', 'tinymce'];
const sizes = (process.env.SIZES || '10000').split(',').map(Number);
// (The machine's load when the run started and ended: latency on a shared machine moves with it.)
const out = { chromium: ctx.browser()?.version(), cpus: cpus().length, loadAtStart: loadavg().map(r1), keys: KEYS, typingMs: TYPING_MS, latency: {}, longTasks: {} };
if (process.env.PROFILE) {
  for (const size of sizes) for (const k of kinds) out.profile = { ...out.profile, [`${k} ${size}`]: await whereTimeGoes(k, size) };
}
for (const size of process.env.ONLY_LONGTASKS || process.env.PROFILE ? [] : sizes) {
  for (const k of kinds) {
    out.latency[`${k} ${size}`] = { oneKey: await oneKey(k, size), typing: await typing(k, size) };
    console.error(k, size, JSON.stringify(out.latency[`${k} ${size}`]));
  }
}
if (!process.env.NO_LONGTASKS && !process.env.PROFILE) {
  for (const k of kinds.filter((x) => x !== 'tinymce')) {
    for (const size of (process.env.LONG_SIZES || '200000,1000000').split(',').map(Number)) {
      out.longTasks[`${k} ${size}`] = { extension: await longTasks(k, size), withoutExtension: await longTasks(k, size, true) };
      console.error(k, size, JSON.stringify(out.longTasks[`${k} ${size}`]));
    }
  }
}
out.loadAtEnd = loadavg().map(r1);
await ctx.close();
server.close();
rmSync(profile, { recursive: true, force: true });
writeFileSync(process.env.BENCH_OUT || join(here, 'output/bench-latency.json'), JSON.stringify(out, null, 2));
console.log(JSON.stringify(out, null, 2));
