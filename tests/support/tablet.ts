/**
 * A tablet for browser tests: a real Chromium process with its own profile directory,
 * driven over CDP. Unlike Playwright's own launchers it can be killed with SIGKILL (a
 * crash, a battery pulled) and relaunched on the same profile, which is how the tests
 * prove that what the screen called "recorded" is really on disk.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../playwright.config';

export const BASE_URL = `http://127.0.0.1:${process.env.PORT ?? 4173}`;

export interface Tablet {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  profile: string;
  /** SIGKILL the whole browser: no shutdown, no flush, no goodbye. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export function newProfile(): string {
  return mkdtempSync(join(tmpdir(), 'bastion-tablet-'));
}

export function removeProfile(profile: string) {
  rmSync(profile, { recursive: true, force: true });
}

/** Starts Chromium on `profile` (a new one by default) and opens a page. */
export async function launchTablet(opts: { profile?: string; args?: string[] } = {}): Promise<Tablet> {
  const profile = opts.profile ?? newProfile();
  const exe = chromiumPath ?? chromium.executablePath();
  const proc = spawn(
    exe,
    ['--headless=new', `--user-data-dir=${profile}`, '--remote-debugging-port=0', ...chromiumArgs, ...(opts.args ?? []), 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true }
  );
  const wsUrl = await devtoolsUrl(proc);
  const browser = await chromium.connectOverCDP(wsUrl);
  const context = browser.contexts()[0]!;
  const page = context.pages()[0] ?? (await context.newPage());
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    browser,
    context,
    page,
    profile,
    async kill() {
      process.kill(-proc.pid!, 'SIGKILL');
      await exited;
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (proc.exitCode === null) {
        try {
          process.kill(-proc.pid!, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      await exited;
    }
  };
}

function devtoolsUrl(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${seen}`)), 20_000);
    proc.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${seen}`)));
  });
}
