/**
 * Where each person last passed the gate, in memory, so that judging a scan needs no read
 * of the disk: a scan is then one write transaction (tests/bench, "scan → verdict").
 *
 * - Built in the background from every gate entry and void on disk, a day at a time (a
 *   day's rows at once, never the whole history: a month of a busy gate is hundreds of
 *   thousands of rows).
 * - Kept current by the ledger's `onEntries`: an accepted pass moves its person (the later
 *   `at` wins, as in `gatePositions`); a void may move a person back to an older pass, so it
 *   marks its subject to be read from disk again at the next scan.
 * - Until it is built, and for a person so marked, `of` reads the person's gate history from
 *   disk as before. A generation count per person keeps a read that raced with a newer
 *   entry from overwriting it.
 */
import { voidedIds } from '$lib/core/entries';
import { gatePositions, type GatePosition } from '$lib/gate/rules';
import type { Entry } from '$lib/core/types';
import type { Ledger } from '$lib/ledger/ledger';

type Position = GatePosition & { id: string };

const isPass = (e: Entry) => (e.kind === 'gate-in' || e.kind === 'gate-out') && e.verdict === 'accepted';

export class GatePositions {
  #known = new Map<string, Position>();
  /** People whose position may be older than the map says (a void arrived). */
  #stale = new Set<string>();
  #generation = new Map<string, number>();
  #built = false;
  /** The latest build; an older one still running must not say it is built. */
  #building = 0;
  #closed = false;
  #stop: () => void;

  constructor(private readonly ledger: Ledger) {
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
    if (this.#built && !this.#stale.has(personId)) return this.#known.get(personId);
    const generation = this.#generation.get(personId) ?? 0;
    const position = gatePositions(await this.ledger.reads.gateHistory(personId)).get(personId);
    // An entry heard while reading is newer than what was read: keep it.
    if (!this.#closed && (this.#generation.get(personId) ?? 0) === generation) {
      this.#stale.delete(personId);
      if (position) this.#known.set(personId, position);
      else this.#known.delete(personId);
    }
    return this.#known.get(personId) ?? position;
  }

  /** Reads every day's gate entries into memory; `of` answers from memory afterwards. */
  async build(): Promise<void> {
    const build = ++this.#building;
    const { db } = this.ledger;
    const current = () => !this.#closed && build === this.#building;
    const days = ((await db.entries.orderBy('day').uniqueKeys()) as string[]).reverse();
    const rowsOf = (day: string, kind: Entry['kind']) => db.entries.where('[day+kind]').equals([day, kind]).toArray();
    // Voids first (a void may name a pass of an earlier day), then the passes a day at a
    // time, so that no more than a day's rows are held at once.
    const voided = new Set<string>();
    for (const day of days) {
      if (!current()) return;
      for (const id of voidedIds(await rowsOf(day, 'void'))) voided.add(id);
    }
    for (const day of days) {
      if (!current()) return;
      const passes = await Promise.all([rowsOf(day, 'gate-in'), rowsOf(day, 'gate-out')]);
      for (const e of passes.flat()) if (isPass(e) && !voided.has(e.id)) this.#merge(e);
    }
    if (current()) this.#built = true;
  }

  destroy(): void {
    this.#closed = true;
    this.#stop();
  }

  #hear(e: Entry): void {
    if (e.kind === 'void') {
      this.#bump(e.subject);
      this.#stale.add(e.subject);
    } else if (isPass(e)) {
      this.#bump(e.subject);
      this.#merge(e);
    }
  }

  /** Takes `e` as the person's position if it is later (ties by id, as `gatePositions`). */
  #merge(e: Entry): void {
    const prev = this.#known.get(e.subject);
    if (prev && (prev.at > e.at || (prev.at === e.at && prev.id >= e.id))) return;
    this.#known.set(e.subject, { direction: e.kind === 'gate-in' ? 'in' : 'out', at: e.at, id: e.id });
  }

  #bump(personId: string): void {
    this.#generation.set(personId, (this.#generation.get(personId) ?? 0) + 1);
  }

  /** Another tab stored entries this tab cannot see: read everyone from disk again. */
  #forgetAll(): void {
    this.#built = false;
    this.#known.clear();
    this.#stale.clear();
    this.#generation.clear();
    void this.build().catch((error) => console.warn('gate positions not rebuilt; each scan reads the disk', error));
  }
}
