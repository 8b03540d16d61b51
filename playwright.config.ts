import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's Chromium where the machine has it (these machines cannot download browsers);
// Playwright's own browser elsewhere.
const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumPath = existsSync(systemChromium) ? systemChromium : undefined;

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
];

// One port per checkout, so two working trees can run their browser tests side by side.
const port = Number(process.env.PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    // As the tablets at the gates are set; the time-zone list on site creation starts on it.
    timezoneId: 'Asia/Shanghai',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: 'off'
  },
  webServer: {
    command: 'node src/server/serve.js',
    url: `http://127.0.0.1:${port}`,
    env: { PORT: String(port) },
    reuseExistingServer: !process.env.CI,
    timeout: 30_000
  }
});
