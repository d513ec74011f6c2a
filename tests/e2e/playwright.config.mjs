import { defineConfig } from '@playwright/test';

// Report service-worker requests (the extension background) in context.on('request') too.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export default defineConfig({
  testDir: './specs',
  testMatch: /.*\.spec\.mjs/,
  outputDir: './output/test-results',
  retries: 0,
  repeatEach: Number(process.env.REPEAT_EACH || 2),
  workers: Number(process.env.WORKERS || 2),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: './output/results.json' }]],
});
