/**
 * Chromium for the benchmark: Debian's build, headless, with a profile ON DISK. A Playwright
 * context of `browser.newContext()` is off the record, and Chromium keeps an off-the-record
 * profile's IndexedDB in memory, where a strict-durability commit never reaches the disk: every
 * write would look free. Service workers are blocked so that the harness pages under /__bench/
 * are never answered with the app's cached index.html; the app's own files then come from the
 * loopback server instead of the service worker's cache, which costs a cold start a few ms.
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The flags of playwright.config.ts (root on a closed network; see STACK.md).
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Two tabs (the harness and the app) must both run at full speed.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows'
];

/** Launches a tablet: a persistent context on a fresh profile directory; `close` removes it. */
export async function launchTablet() {
  const profile = mkdtempSync(join(tmpdir(), 'bastion-bench-'));
  const system = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: existsSync(system) ? system : undefined,
    headless: true,
    args: ARGS,
    serviceWorkers: 'block',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 }
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  };
}
