import { defineConfig } from '@playwright/test';

// The Firefox suite (firefox/): Debian's Firefox ESR over WebDriver BiDi (puppeteer-core), one
// browser at a time, each test once (REPEAT_EACH=2 runs each twice, as the Chrome suite does).
export default defineConfig({
  testDir: './firefox',
  testMatch: /.*\.spec\.mjs/,
  outputDir: './output/firefox-results',
  retries: 0,
  repeatEach: Number(process.env.REPEAT_EACH || 1),
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: './output/firefox-results.json' }]],
});
