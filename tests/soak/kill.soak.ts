/**
 * The kill soak: one tablet, one profile on disk, killed with SIGKILL over and over.
 *
 * Each cycle relaunches Chromium on the profile with the network off (so the app must come
 * from the tablet's own storage: the service worker's cache and IndexedDB), waits for the
 * gate to be ready (else: a failed open), checks the scan of the cycle before (kill-checks.ts),
 * scans a fresh demo resident with a real wedge burst, and kills the browser: right after
 * the green verdict appears, or at a seeded moment 0–300 ms after Enter, whatever the
 * screen showed by then. Acknowledged scans must all survive; unacknowledged ones may or
 * may not, and are counted.
 */
import { expect, test } from '@playwright/test';
import { demoCode, wedgeScan } from '../support/app';
import { launchTablet, newProfile, removeProfile, type Tablet } from '../support/tablet';
import { openDemoSite, openGate, VerdictWatch } from './gate-screen';
import { KillLedger, type Pending } from './kill-checks';
import { soakPeople, shownOf } from './people';
import { below, params, random, say, sleep } from './params';

const siteDay = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

test('kill -9 soak: every acknowledged scan survives the browser killed at any moment', async () => {
  const kills = params.kills;
  test.setTimeout(5 * 60_000 + kills * 90_000);
  const people = soakPeople(params.seed);
  if (kills > people.length) throw new RangeError(`SOAK_KILLS=${kills}: the demo roster names only ${people.length} residents unambiguously`);
  const rng = random(params.seed);
  const profile = newProfile();
  const book = new KillLedger();
  const failedOpens: string[] = [];
  const day = siteDay();
  let pending: Pending | null = null;
  let tablet: Tablet | null = null;
  let watch: VerdictWatch | null = null;
  const killed = { afterGreen: 0, afterEnter: 0, afterFailedOpen: 0 };
  let opened = 0;
  const openMs: number[] = [];
  const started = Date.now();
  say(`kill: ${kills} kills on one profile, seed ${params.seed}`);
  try {
    for (let cycle = 0; cycle <= kills; cycle++) {
      // The tally restarts at the site's midnight: counts from either side of it do not add up.
      if (siteDay() !== day) throw new Error(`the site's day changed during the run (midnight in Asia/Shanghai) at cycle ${cycle}: run again`);
      tablet = await launchTablet({ profile });
      watch = await VerdictWatch.install(tablet.context);
      if (cycle === 0) await openDemoSite(tablet.page, '王五');
      else {
        await tablet.context.setOffline(true);
        const t0 = Date.now();
        const failed = await openGate(tablet.page, params.openMs);
        if (failed) {
          failedOpens.push(`cycle ${cycle}: ${failed}`);
          say(`FAILED OPEN cycle ${cycle}: ${failed}`);
          await tablet.kill();
          killed.afterFailedOpen++;
          if (failedOpens.length >= 5 && failedOpens.length === cycle) break; // never opened: stop
          continue;
        }
        openMs.push(Date.now() - t0);
        opened++;
        await book.settle(tablet.page, pending, cycle);
        pending = null;
      }
      if (cycle === kills) break;

      const person = people[cycle]!;
      const afterGreen = rng() < 0.5;
      const delay = below(rng, 301);
      const mark = watch.mark();
      await wedgeScan(tablet.page, demoCode(person));
      let acked: boolean;
      if (afterGreen) {
        const kind = await watch.wait(mark, shownOf(person), 15_000);
        if (kind !== 'accepted') book.note(`cycle ${cycle}: a fresh resident's scan was answered ${kind ?? 'not at all'} within 15 s`);
        acked = kind === 'accepted';
      } else {
        await sleep(delay);
        acked = watch.since(mark, shownOf(person)) === 'accepted';
      }
      await tablet.kill();
      tablet = null;
      if (afterGreen) killed.afterGreen++;
      else killed.afterEnter++;
      pending = { person, cycle, afterGreen, acked };
      if ((cycle + 1) % 25 === 0) say(`kill: ${cycle + 1}/${kills} cycles, ${book.acked + (acked ? 1 : 0)} acknowledged, ${book.lost.length} lost, ${failedOpens.length} failed opens`);
    }
    // The last open has settled the last scan; now ask about every one recorded.
    const sweepStart = Date.now();
    if (tablet && watch) await book.sweep(tablet.page, watch);
    const sweepMs = Date.now() - sweepStart;
    const total = killed.afterGreen + killed.afterEnter + killed.afterFailedOpen;
    openMs.sort((a, b) => a - b);
    say(`kill figures: ${total} kills (${killed.afterGreen} right after the green verdict, ${killed.afterEnter} at 0–300 ms after Enter, ${killed.afterFailedOpen} after a failed open)`);
    say(`kill figures: ${book.acked} acknowledged, ${book.lost.length} lost; ${book.unacked} unacknowledged, ${book.unackedKept} of them kept anyway; ${book.present.length} on the tablet at the end, each re-scanned as "already inside" (${(sweepMs / 1000).toFixed(1)} s)`);
    say(`kill figures: ${failedOpens.length} failed opens of ${opened + failedOpens.length}; open to scan-ready (offline) median ${openMs[openMs.length >> 1] ?? '–'} ms, p95 ${openMs[Math.floor(openMs.length * 0.95)] ?? '–'} ms; ${Math.round((Date.now() - started) / Math.max(1, total))} ms per cycle, ${((Date.now() - started) / 60_000).toFixed(1)} min in all`);
    say(`kill figures: ${book.anomalies.length} anomalies`);
  } finally {
    await tablet?.close();
    removeProfile(profile);
  }
  expect(book.lost, 'acknowledged scans lost').toEqual([]);
  expect(failedOpens, 'failed opens').toEqual([]);
  expect(book.anomalies, 'screens that did not account for what was recorded').toEqual([]);
});
