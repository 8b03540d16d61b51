/**
 * Cold start and memory of the real app. A cold start is a new tab opening the gate screen,
 * timed from the navigation's start to the moment the screen says it is ready to scan (the
 * site opened, its index checked, the roster in memory), in the DOM. The two sites alternate,
 * so the empty site's floor and the large site see the same machine.
 */
import { instrument } from './in-page.js';

/** @typedef {import('@playwright/test').BrowserContext} BrowserContext */

const SETTLE_MS = 3000;
/** @typedef {import('@playwright/test').Page} Page */

/**
 * Opens the gate screen in a new tab; resolves with the tab and ms until scan-ready.
 * @param {BrowserContext} context
 * @param {string} url
 */
export async function openGate(context, url) {
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(url);
  const ready = await page.evaluate(() => window.__bench?.ready);
  if (!ready) throw new Error('the gate screen never said it was ready');
  return { page, ms: ready.dom };
}

/**
 * Alternates cold starts of two sites; `use(site)` makes a site the one the app opens.
 * @param {BrowserContext} context
 * @param {string} url
 * @param {(site: 'full' | 'empty') => Promise<void>} use
 * @param {number} runs
 */
export async function coldStarts(context, url, use, runs) {
  /** @type {{ full: number[], empty: number[], fullToday: number[] }} */
  const times = { full: [], empty: [], fullToday: [] };
  for (let i = 0; i <= runs; i++) {
    for (const site of /** @type {const} */ (['full', 'empty'])) {
      await use(site);
      const { page, ms } = await openGate(context, url);
      // The screen keeps working after it is ready (the sync layer digests the days it
      // holds): let it finish, so the next start begins on a quiet tablet, as a restart does.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      // Today's doc loads and its index is checked after scan-ready, in the write queue
      // (a scan sent before then gets its verdict once they are done).
      const today = await page.evaluate(() => performance.getEntriesByName('bastion:today-ready')[0]?.startTime ?? NaN);
      await page.close();
      // The first start of each site registers this tablet in its site doc: not counted.
      if (i > 0) times[site].push(ms);
      if (i > 0 && site === 'full') times.fullToday.push(today);
    }
  }
  return times;
}

/**
 * The JS heap the page uses after a full garbage collection, in bytes.
 * @param {Page} page
 */
export async function heapUsed(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}
