/**
 * The scan path on the real app: the gate screen, a keyboard-wedge scanner's keys sent
 * through CDP as real key events (the way tests/support/app.ts's `wedgeScan` does), the
 * verdict seen in the DOM by a MutationObserver.
 *
 * - Latency: scan → durable entry → verdict on screen, one scan at a time with a pause between
 *   (people at a gate come every few seconds), each followed by the floor: a bare
 *   strict-durability put of the same row, in the same page.
 * - Throughput: scans back to back, 1 ms a key (a fast USB scanner: ~38 scans/s offered),
 *   each the next resident; the rate is scans over the time from the first Enter to the last
 *   verdict, and every scan must be on disk afterwards.
 */
import { armVerdict, countRecorded, floorPut, verdictTimes } from './in-page.js';

/** @typedef {import('./harness/main').Scannable} Scannable */
/** @typedef {import('@playwright/test').Page} Page */
/** @typedef {import('@playwright/test').CDPSession} CDPSession */

// The timestamp of the last key sent (s): a scan sent sooner than its keys take is stamped
// after the previous one, as a scanner's keys would be.
let lastStamp = 0;

/**
 * Sends `text` and Enter as a scanner types them: keys `keyMs` apart by their timestamps.
 * The events are queued without waiting for each, as a scanner does not wait for the tablet.
 * @param {CDPSession} cdp
 * @param {string} text
 * @param {number} keyMs
 */
function typeScan(cdp, text, keyMs) {
  let t = Math.max(Date.now() / 1000, lastStamp + keyMs / 1000);
  const sent = [];
  for (const key of [...text, 'Enter']) {
    const enter = key === 'Enter';
    const down = enter ? { key, code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' } : { key, text: key, unmodifiedText: key };
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...down, timestamp: t }));
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, ...(enter ? { code: 'Enter', windowsVirtualKeyCode: 13 } : {}), timestamp: t + keyMs / 2000 }));
    lastStamp = t;
    t += keyMs / 1000;
  }
  return Promise.all(sent);
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `people.length` scans, one at a time, each followed by a floor put of its row.
 * @param {Page} page
 * @param {Scannable[]} people
 * @param {{ pauseMs: number, device: string }} opts
 */
export async function scanLatency(page, people, { pauseMs, device }) {
  const cdp = await page.context().newCDPSession(page);
  const scans = [];
  const frames = [];
  const floors = [];
  try {
    for (const [i, p] of people.entries()) {
      await page.evaluate(armVerdict, p);
      await typeScan(cdp, p.code, 4);
      const t = await page.evaluate(verdictTimes);
      // The first scan of a page loads its first day doc and warms the JIT: not counted.
      if (i > 0) {
        scans.push(t.dom - t.enter);
        frames.push(t.frame - t.enter);
      }
      await sleep(pauseMs / 2);
      const at = Date.now();
      const row = { id: `${device}:f${i.toString(36)}`, kind: 'gate-in', at, device, station: 'gate', staff: '王五', subject: p.subject, verdict: 'accepted', direction: 'in', day: new Date(at).toISOString().slice(0, 10) };
      const floor = await page.evaluate(floorPut, row);
      if (i > 0) floors.push(/** @type {number} */ (floor));
      await sleep(pauseMs / 2);
    }
  } finally {
    await cdp.detach();
  }
  return { scans, frames, floors };
}

/**
 * Sends `people` as back-to-back wedge scans; resolves with the rate and the scans lost.
 * @param {Page} page
 * @param {Scannable[]} people
 * @param {string} dbName
 */
export async function wedgeThroughput(page, people, dbName) {
  const cdp = await page.context().newCDPSession(page);
  const since = Date.now();
  try {
    const enters = await page.evaluate(() => window.__bench?.enters.length ?? 0);
    await page.evaluate(armVerdict, /** @type {Scannable} */ (people.at(-1)));
    // Each scan is sent when its first key is due by the scanner's clock, without waiting for
    // the page to take the previous one: a scanner does not wait for the tablet.
    const typing = [];
    for (const p of people) {
      const due = lastStamp * 1000 + 1 - Date.now();
      if (due > 0) await sleep(due);
      typing.push(typeScan(cdp, p.code, 1));
    }
    await Promise.all(typing);
    const last = await page.evaluate(verdictTimes).catch(() => null);
    const [first, lastEnter] = await page.evaluate((n) => [window.__bench?.enters[n] ?? NaN, window.__bench?.enters.at(-1) ?? NaN], enters);
    const recorded = /** @type {number} */ (await page.evaluate(countRecorded, { dbName, subjects: people.map((p) => p.subject), since }));
    // The rate is the app's: from the first Enter to the last verdict. How fast the keys went
    // in (first to last Enter) shows whether the sender, not the app, set the pace.
    const seconds = last ? (last.dom - first) / 1000 : NaN;
    return { rate: people.length / seconds, lost: people.length - recorded, seconds, sendSeconds: (lastEnter - first) / 1000 };
  } finally {
    await cdp.detach();
  }
}
