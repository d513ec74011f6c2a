// Bundles the extension's scripts for one browser (called by build.sh):
//   node bundle.mjs chrome|firefox OUT_DIR [--test]
// * engine-worker.js: the engine's Worker (classic script: wasm-bindgen glue + protocol);
// * content.js: one classic content script, with the worker's source inside it as text, so the
//   content script can start the worker from a blob: URL (a content script cannot start a Worker
//   from a chrome-extension:// URL);
// * background.js (module); Chrome also gets offscreen.html/offscreen.js, the document whose
//   Worker runs the engine for pages that forbid the blob: worker (a service worker has no Worker).
// --test (the test build only) keeps the test hooks (a hang trigger, a shorter deadline); the
// shipped build defines them away, and tests/e2e/unit/package.test.mjs checks they are gone.
import { build } from 'esbuild';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

const [browser, out, flag] = process.argv.slice(2);
if (!['chrome', 'firefox'].includes(browser) || !out) throw new Error('usage: node bundle.mjs chrome|firefox OUT_DIR [--test]');
const here = new URL('.', import.meta.url).pathname;
const target = browser === 'chrome' ? 'chrome121' : 'firefox142';
const common = {
  bundle: true, target, charset: 'utf8', legalComments: 'none', logLevel: 'warning', minifySyntax: true,
  logOverride: { 'empty-import-meta': 'silent' },
  define: { SKILLMARK_TEST_BUILD: flag === '--test' ? 'true' : 'false' },
};

const worker = await build({ ...common, entryPoints: [join(here, 'engine-worker.js')], format: 'iife', write: false });
const workerSource = worker.outputFiles[0].text;
await build({ ...common, entryPoints: [join(here, 'engine-worker.js')], format: 'iife', outfile: join(out, 'engine-worker.js') });

const workerSourcePlugin = {
  name: 'engine-worker-source',
  setup(b) {
    b.onResolve({ filter: /^skillmark:engine-worker-source$/ }, () => ({ path: 'engine-worker-source', namespace: 'sm' }));
    b.onLoad({ filter: /.*/, namespace: 'sm' }, () => ({ contents: workerSource, loader: 'text' }));
  },
};
await build({ ...common, entryPoints: [join(here, 'content/entry.js')], format: 'iife', outfile: join(out, 'content.js'), plugins: [workerSourcePlugin] });
await build({ ...common, entryPoints: [join(here, 'background.js')], format: 'esm', outfile: join(out, 'background.js') });
if (browser === 'chrome') {
  await build({ ...common, entryPoints: [join(here, 'offscreen.js')], format: 'esm', outfile: join(out, 'offscreen.js') });
  copyFileSync(join(here, 'offscreen.html'), join(out, 'offscreen.html'));
}
