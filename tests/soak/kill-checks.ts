/**
 * The kill soak's checks after each relaunch, read off the gate screen: is the scan made
 * before the last kill there, does the tally count exactly what earlier opens saw plus it,
 * does the recent list show the latest of them newest first; and at the end, a re-scan of
 * everyone the screens showed as recorded (an amber "already inside" proves the tablet still
 * holds the first pass; a green one would mean it forgot it).
 */
import type { Page } from '@playwright/test';
import type { Person } from '../../src/lib/core/types';
import { demoCode, wedgeScan } from '../support/app';
import { recentPeople, tallyCard, type VerdictWatch } from './gate-screen';
import { recentText, shownOf } from './people';
import { say, sleep } from './params';

/** The scan made before the last kill. */
export interface Pending {
  person: Person;
  cycle: number;
  /** the kill came right after the green verdict (else at a random moment after Enter) */
  afterGreen: boolean;
  /** the green verdict was on the screen before the kill */
  acked: boolean;
}

export class KillLedger {
  /** people the screens showed as recorded, oldest first */
  readonly present: Person[] = [];
  readonly lost: string[] = [];
  readonly anomalies: string[] = [];
  acked = 0;
  unacked = 0;
  unackedKept = 0;

  /** Settles the pending scan against a freshly opened gate screen. */
  async settle(page: Page, pending: Pending | null, cycle: number): Promise<void> {
    const text = pending ? recentText(pending.person) : null;
    // The tally and the list load on their own after the screen is ready: wait until they
    // are loaded and account for each other, then judge.
    let shown: { count: number | null; recent: string[]; kept: boolean } = { count: null, recent: [], kept: false };
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(150)) {
      const [count, recent] = await Promise.all([tallyCard(page, 'in'), recentPeople(page)]);
      shown = { count, recent, kept: text !== null && recent.includes(text) };
      if (count === this.present.length + (shown.kept ? 1 : 0)) break;
    }
    if (pending) {
      if (pending.acked) this.acked++;
      else this.unacked++;
      if (shown.kept) {
        this.present.push(pending.person);
        if (!pending.acked) this.unackedKept++;
      } else if (pending.acked) {
        this.#lose(`cycle ${pending.cycle} (${pending.afterGreen ? 'killed after the green verdict' : 'killed after Enter'}): ${text} acknowledged, missing after relaunch`);
      }
    }
    const expected = this.present.slice(-12).reverse().map(recentText);
    if (shown.count !== this.present.length) {
      this.note(`cycle ${cycle}: the tally shows ${shown.count ?? 'nothing'} in, the screens showed ${this.present.length} recorded`);
    } else if (shown.recent.join('|') !== expected.join('|')) {
      this.note(`cycle ${cycle}: the recent list shows [${shown.recent.join(', ')}], expected [${expected.join(', ')}]`);
    }
  }

  /** Re-scans everyone recorded; each must be answered "already inside". */
  async sweep(page: Page, watch: VerdictWatch): Promise<void> {
    for (const p of this.present) {
      const mark = watch.mark();
      await wedgeScan(page, demoCode(p));
      const kind = await watch.wait(mark, shownOf(p), 10_000);
      if (kind === 'accepted') this.#lose(`final sweep: ${recentText(p)} was let in again: the tablet no longer held the first pass`);
      else if (kind !== 'duplicate') this.note(`final sweep: the re-scan of ${recentText(p)} was answered ${kind ?? 'not at all'}`);
    }
  }

  #lose(line: string) {
    this.lost.push(line);
    say(`LOST ${line}`);
  }

  note(line: string) {
    this.anomalies.push(line);
    say(`ANOMALY ${line}`);
  }
}
