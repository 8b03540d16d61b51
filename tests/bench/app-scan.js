/**
 * The scan path on the real app: the gate screen, a keyboard-wedge scanner's keys sent
 * through CDP as real key events (the way tests/support/app.ts's `wedgeScan` does), the
 * verdict seen in the DOM by a MutationObserver.
 *
 * - Latency: scan → durable entry → verdict on screen, one scan at a time with a pause between
 *   (people at a gate come every few seconds), each followed by the floor: a bare
 *   strict-durability put of the same row, in the same page. Bare personal codes and signed
 *   passes (~200 characters, BP1:…) take turns, so the signature check's cost shows.
 * - Throughput: scans back to back, 1 ms a key (a fast USB scanner: ~38 scans/s offered),
 *   each the next resident; the rate is scans over the time from the first Enter to the last
 *   verdict, and every scan must be on disk afterwards (if the last verdict never came, once
 *   the write queue had 20 s to drain).
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

const DRAIN_MS = 20_000;

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `people.length` scans, one at a time, each followed by a floor put of its row. The times
 * are grouped by what was scanned (`kind`: a bare personal code, or a signed pass), so the
 * two can be taken in turn on one page; the first scan of each kind is a warm-up.
 * @param {Page} page
 * @param {Scannable[]} people
 * @param {{ pauseMs: number, device: string }} opts
 */
export async function scanLatency(page, people, { pauseMs, device }) {
  const cdp = await page.context().newCDPSession(page);
  /** @type {Record<string, { scans: number[], frames: number[], floors: number[], notAccepted: number, verifyAt: number[], verifyMs: number[] }>} */
  const byKind = {};
  try {
    for (const [i, p] of people.entries()) {
      const kind = p.kind ?? 'code';
      // The first scan of each kind is not counted: the page's first loads its first day doc
      // and warms the JIT, the first pass imports the site's key.
      const counted = kind in byKind;
      const times = (byKind[kind] ??= { scans: [], frames: [], floors: [], notAccepted: 0, verifyAt: [], verifyMs: [] });
      await page.evaluate(armVerdict, p);
      await typeScan(cdp, p.code, 4);
      const t = await page.evaluate(verdictTimes);
      if (counted) {
        times.scans.push(t.dom - t.enter);
        times.frames.push(t.frame - t.enter);
        if (t.kind !== 'accepted') times.notAccepted++;
        if (t.verify) {
          times.verifyAt.push(t.verify.at - t.enter);
          times.verifyMs.push(t.verify.ms);
        }
      }
      await sleep(pauseMs / 2);
      const at = Date.now();
      const row = { id: `${device}:f${i.toString(36)}`, kind: 'gate-in', at, device, station: 'gate', staff: '王五', subject: p.subject, verdict: 'accepted', direction: 'in', day: new Date(at).toISOString().slice(0, 10) };
      const floor = await page.evaluate(floorPut, row);
      if (counted) times.floors.push(/** @type {number} */ (floor));
      await sleep(pauseMs / 2);
    }
  } finally {
    await cdp.detach();
  }
  return byKind;
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
    const count = async () => /** @type {number} */ (await page.evaluate(countRecorded, { dbName, subjects: people.map((p) => p.subject), since }));
    const recorded = await count();
    // No last verdict within its 30 s (a machine that busy): the scans may still be in the
    // write queue, not lost. Counted again once it had time to drain.
    let drained = recorded;
    if (!last) {
      await sleep(DRAIN_MS);
      drained = await count();
    }
    // The rate is the app's: from the first Enter to the last verdict. How fast the keys went
    // in (first to last Enter) shows whether the sender, not the app, set the pace.
    const seconds = last ? (last.dom - first) / 1000 : NaN;
    return { rate: people.length / seconds, lost: people.length - drained, pending: drained - recorded, seconds, sendSeconds: (lastEnter - first) / 1000 };
  } finally {
    await cdp.detach();
  }
}
