/**
 * The gate screen of the built app with Chromium's fake camera: a pass or a tube label held
 * up to the tablet is recorded once, a hostile code is shown as text, the camera never slows
 * down a keyboard-wedge scanner (the decoder runs in a worker), and a refused camera leaves
 * the roster search working. Each test launches its own browser, because the camera file is
 * a launch flag; the videos come from tests/support/fake-video.ts.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../playwright.config';
import { formatAddress, maskName } from '../../src/lib/roster/roster';
import type { Person } from '../../src/lib/core/types';
import { demoCode, demoRoster, openDemoGate, verdict, wedgeScan } from '../support/app';
import { code128Video, qrVideo, sequenceVideo, writeVideo } from '../support/fake-video';

import { BASE_URL } from '../support/tablet';

/** Chromium with `video` as its camera; without `allow`, headless Chromium denies the camera. */
async function launch(video: string, { allow = true } = {}): Promise<Browser> {
  const prompt = allow ? ['--use-fake-ui-for-media-stream'] : [];
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, ...prompt, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]
  });
}

/** A fresh tablet at the demo gate, camera on. */
async function gate(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL, locale: 'zh-CN' });
  const page = await context.newPage();
  await openDemoGate(page);
  return page;
}

/** Residents with distinct addresses, so each is told apart in the recent list. */
function residents(count: number): Person[] {
  const seen = new Set<string>();
  return demoRoster()
    .filter((p) => !seen.has(formatAddress(p)) && seen.add(formatAddress(p)))
    .slice(0, count);
}

async function expectAccepted(page: Page, person: Person) {
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted', { timeout: 15_000 });
  await expect(page.getByTestId('verdict-name')).toHaveText(maskName(person.name));
  await expect(page.getByTestId('verdict-address')).toHaveText(formatAddress(person));
}

const decodeWorkers = (page: Page) => page.workers().filter((w) => w.url().includes('decode.worker'));

test('a resident\'s QR pass in front of the camera is green, counted, and one entry however long it is held', async () => {
  const [alice] = residents(1);
  const browser = await launch(qrVideo(demoCode(alice!)));
  try {
    const page = await gate(browser);
    await expectAccepted(page, alice!);
    await expect(page.getByTestId('tally-in')).toContainText('1');
    // The app decodes in its worker, not on the main thread.
    expect(decodeWorkers(page)).toHaveLength(1);
    // The video loops every half second: the pass stays in view well past the repeat window.
    await page.waitForTimeout(5_000);
    await expect(page.getByTestId('recent-item')).toHaveCount(1);
    await expect(page.getByTestId('tally-in')).toContainText('1');
  } finally {
    await browser.close();
  }
});

test('a Code128 label of a resident\'s code is green', async () => {
  const [, bob] = residents(2);
  const browser = await launch(code128Video(demoCode(bob!)));
  try {
    const page = await gate(browser);
    await expectAccepted(page, bob!);
    await expect(page.getByTestId('recent-item')).toHaveCount(1);
  } finally {
    await browser.close();
  }
});

test('two residents shown in turn are both recorded, in order', async () => {
  const [carol, dave] = residents(2);
  const browser = await launch(sequenceVideo([{ qr: demoCode(carol!) }, { qr: demoCode(dave!) }], { codeFrames: 15, blankFrames: 5 }));
  try {
    const page = await gate(browser);
    await expect(page.getByTestId('recent-item')).toHaveCount(2, { timeout: 20_000 });
    // Newest first.
    await expect(page.getByTestId('recent-item').nth(0)).toContainText(formatAddress(dave!));
    await expect(page.getByTestId('recent-item').nth(1)).toContainText(formatAddress(carol!));
    await expect(page.getByTestId('tally-in')).toContainText('2');
  } finally {
    await browser.close();
  }
});

test('a QR of hostile text is red and shown literally', async () => {
  const hostile = '<img src=x onerror="window.__xss=1">';
  const browser = await launch(qrVideo(hostile));
  try {
    const page = await gate(browser);
    await expect(verdict(page)).toHaveAttribute('data-kind', 'refused', { timeout: 15_000 });
    await expect(page.getByTestId('verdict-code')).toHaveText(hostile);
    await expect(page.getByTestId('verdict-reason')).toHaveText('无法识别的码');
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  } finally {
    await browser.close();
  }
});

// The regression test for decoding on the main thread. A frame without a code is the
// slowest to decode; on the main thread each decode was a long task (50–80 ms measured), and
// a wedge scanner's key arriving behind one came more than 50 ms after the previous key, so
// the burst rule (WedgeBuffer, 50 ms) dropped the first characters. Measured with that
// decoder: gaps of 78 ms at full speed, 257 ms with the CPU slowed 4×; with the worker the
// longest gap stays near 20–30 ms. The CPU is slowed 2× here, as on a modest tablet.
test('with the camera decoding on a slow tablet, wedge scans at scanner speed are recorded whole', async () => {
  const [erin, ...others] = residents(6);
  // Erin's pass briefly, then an empty view (the costliest frames), looping every 2 s: Erin
  // stays one event, the camera keeps decoding throughout.
  const browser = await launch(writeVideo('pass-then-wall', [{ show: { qr: demoCode(erin!) }, frames: 5 }, { show: 'blank', frames: 15 }]));
  try {
    const page = await gate(browser);
    await expectAccepted(page, erin!);
    expect(decodeWorkers(page)).toHaveLength(1);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 2 });
    // The times the wedge itself sees (event.timeStamp of each keydown).
    await page.evaluate(() => {
      const w = window as unknown as { keyTimes: number[] };
      w.keyTimes = [];
      addEventListener('keydown', (e) => w.keyTimes.push(e.timeStamp), { capture: true });
    });
    let longestGap = 0;
    for (const person of others) {
      await page.evaluate(() => ((window as unknown as { keyTimes: number[] }).keyTimes = []));
      await wedgeScan(page, demoCode(person)); // 4 ms a key, then Enter
      await expectAccepted(page, person);
      const times = await page.evaluate(() => (window as unknown as { keyTimes: number[] }).keyTimes);
      longestGap = Math.max(longestGap, ...times.slice(1).map((t, i) => t - times[i]!));
    }
    // Reported, not asserted: on a loaded 2-core runner an unrelated stall can exceed 50 ms
    // once; what must hold is that every scan above was recorded whole.
    test.info().annotations.push({ type: 'key-gap-ms', description: `longest gap between two keys of a scan: ${longestGap.toFixed(1)} ms` });
    await expect(page.getByTestId('recent-item')).toHaveCount(1 + others.length);
    await expect(page.getByTestId('tally-in')).toContainText(String(1 + others.length));
  } finally {
    await browser.close();
  }
});

test('with the camera refused, the screen says so and roster search records the person', async () => {
  const [, , , , frank] = residents(5);
  const browser = await launch(qrVideo(demoCode(frank!)), { allow: false });
  try {
    const page = await gate(browser);
    await expect(page.getByTestId('camera-problem')).toContainText('摄像头权限被拒绝');
    await page.getByTestId('open-search').click();
    await page.getByRole('searchbox').fill(frank!.name);
    await page.getByTestId('search-result').filter({ hasText: formatAddress(frank!) }).first().click();
    await expectAccepted(page, frank!);
    await expect(page.getByTestId('recent-item')).toHaveCount(1);
  } finally {
    await browser.close();
  }
});

test('offline, after a reload, the camera still decodes (the worker and its WebAssembly are precached)', async () => {
  const [, , , , , grace] = residents(6);
  const browser = await launch(qrVideo(demoCode(grace!)));
  try {
    const context = await browser.newContext({ baseURL: BASE_URL, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 });
    await context.setOffline(true);
    await openDemoGate(page);
    await expectAccepted(page, grace!);
  } finally {
    await browser.close();
  }
});
