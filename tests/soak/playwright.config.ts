/**
 * The soak (`npm run soak`): long runs that kill and disturb real browsers and count what
 * survived. Not part of `npm test`: it takes tens of minutes and proves by figures, not by a
 * pass. Parameters come from the environment (see params.ts and the README's "Soak").
 */
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../playwright.config';

// Set before anything reads it: tests/support/tablet.ts takes its base URL from PORT, in the
// runner and in the worker alike (both load this file).
process.env.PORT ??= '4383';
const port = Number(process.env.PORT);

export default defineConfig({
  testDir: '.',
  testMatch: '*.soak.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Each soak sets its own bound from its size (test.setTimeout); this is only the default.
  timeout: 4 * 60 * 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '../../test-results/soak',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: 'off'
  },
  webServer: {
    command: 'node src/server/serve.js',
    cwd: '../..',
    url: `http://127.0.0.1:${port}`,
    env: { PORT: String(port) },
    reuseExistingServer: false,
    timeout: 30_000
  }
});
