import { defineConfig } from '@playwright/test';

// Report service-worker requests (the extension background) in context.on('request') too.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export default defineConfig({
  testDir: './specs',
  testMatch: /.*\.spec\.mjs/,
  outputDir: './output/test-results',
  retries: 0,
  repeatEach: Number(process.env.REPEAT_EACH || 2),
  // One browser at a time: on a 2-core machine two at once loaded it enough that a spec failed now
  // and then on timing alone (a draft not shown within 10 s; the engine's per-call deadline is
  // 1.5 s). WORKERS=2 runs two.
  workers: Number(process.env.WORKERS || 1),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: './output/results.json' }]],
});
