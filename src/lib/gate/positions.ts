/**
 * Where each person last passed the gate, in memory, so that judging a scan needs no read
 * of the disk: a scan is then one write transaction (tests/bench, "scan → verdict").
 *
 * - Built in the background from every gate entry and void on disk, a day at a time (a
 *   day's rows at once, never the whole history: a month of a busy gate is hundreds of
 *   thousands of rows).
 * - Kept current by the ledger's `onEntries`. Each person's passes are held as a fold
 *   (core/entries.ts `LatestEntry`: per tablet, its highest time and its last pass), the
 *   same fold `gatePositions` makes, so a pass may arrive in any order (a later day's doc
 *   synced first, a peer relaying an older pass) and still lands where the rules put it,
 *   with no read of the disk. A void may move a person back to an older pass, which a fold
 *   cannot undo: it marks its subject to be read from disk again at the next scan, and its
 *   id is remembered so that the pass it cancels, should it arrive after it, never counts.
 * - Until it is built, and for a person so marked, `of` reads the person's gate history from
 *   disk as before. A generation count per person keeps a read that raced with a newer
 *   entry from overwriting it.
 */
import { LatestEntry, voidedIds } from '$lib/core/entries';
import { gatePassFolds, passOf, type GatePass, type GatePosition } from '$lib/gate/rules';
import type { Entry } from '$lib/core/types';
import type { EntrySource } from '$lib/site/station-context';

export class GatePositions {
  #known = new Map<string, LatestEntry<GatePass>>();
  /** People whose position may be older than the map says (a void arrived). */
  #stale = new Set<string>();
  /** Every id a void on disk or heard cancels: the pass may arrive after its void. */
  #voided = new Set<string>();
  #generation = new Map<string, number>();
  #built = false;
  /** The latest build; an older one still running must not say it is built. */
  #building = 0;
  #closed = false;
  #stop: () => void;

  constructor(private readonly ledger: EntrySource) {
    this.#stop = ledger.onEntries((_day, entries) => {
      if (entries === null) return this.#forgetAll();
      for (const e of entries) this.#hear(e);
    });
  }

  /** Whether every position on disk has been read into memory. */
  get built(): boolean {
    return this.#built;
  }

  /** The person's latest accepted, unvoided pass; from memory once built. */
  async of(personId: string): Promise<GatePosition | undefined> {
    if (this.#built && !this.#stale.has(personId)) return this.#known.get(personId)?.current;
    const generation = this.#generation.get(personId) ?? 0;
    const fold = gatePassFolds(await this.ledger.reads.gateHistory(personId)).get(personId);
    // An entry heard while reading is newer than what was read: keep it.
    if (!this.#closed && (this.#generation.get(personId) ?? 0) === generation) {
      this.#stale.delete(personId);
      if (fold) this.#known.set(personId, fold);
      else this.#known.delete(personId);
    }
    return (this.#known.get(personId) ?? fold)?.current;
  }

  /** Reads every day's gate entries into memory; `of` answers from memory afterwards. */
  async build(): Promise<void> {
    const build = ++this.#building;
    const { reads } = this.ledger;
    const current = () => !this.#closed && build === this.#building;
    const days = (await reads.entryDays()).reverse();
    const rowsOf = (day: string, kind: Entry['kind']) => reads.dayKindEntries(day, kind);
    // Voids first (a void may name a pass of an earlier day), then the passes a day at a
    // time, so that no more than a day's rows are held at once.
    for (const day of days) {
      if (!current()) return;
      for (const id of voidedIds(await rowsOf(day, 'void'))) this.#voided.add(id);
    }
    for (const day of days) {
      if (!current()) return;
      const passes = await Promise.all([rowsOf(day, 'gate-in'), rowsOf(day, 'gate-out')]);
      for (const e of passes.flat()) this.#merge(e);
    }
    if (current()) this.#built = true;
  }

  destroy(): void {
    this.#closed = true;
    this.#stop();
  }

  #hear(e: Entry): void {
    if (e.kind === 'void') {
      if (e.voids) this.#voided.add(e.voids);
      this.#bump(e.subject);
      this.#stale.add(e.subject);
    } else if (passOf(e)) {
      this.#bump(e.subject);
      this.#merge(e);
    }
  }

  /** Folds `e` into its person's passes if it is an accepted pass no void cancels. */
  #merge(e: Entry): void {
    const pass = passOf(e);
    if (!pass || this.#voided.has(e.id)) return;
    let fold = this.#known.get(e.subject);
    if (!fold) this.#known.set(e.subject, (fold = new LatestEntry()));
    fold.add(pass);
  }

  #bump(personId: string): void {
    this.#generation.set(personId, (this.#generation.get(personId) ?? 0) + 1);
  }

  /** Another tab stored entries this tab cannot see: read everyone from disk again. */
  #forgetAll(): void {
    this.#built = false;
    this.#known.clear();
    this.#stale.clear();
    this.#voided.clear();
    this.#generation.clear();
    void this.build().catch((error) => console.warn('gate positions not rebuilt; each scan reads the disk', error));
  }
}
