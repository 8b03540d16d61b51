/**
 * This tablet's digest of each day's entries (core/digest.ts), for its advert, as the
 * ledger stores it with each write: advertising never loads a past day into memory, nor
 * reads the index of one.
 */
import type { Digest } from '$lib/core/digest';
import type { Ledger } from './ledger';

/** How many of the latest days an advert covers (a campaign is weeks; the panel shows days). */
export const ADVERTISED_DAYS = 31;

/** The days this tablet holds entries of, newest first, at most ADVERTISED_DAYS. */
export async function heldDays(ledger: Ledger): Promise<string[]> {
  return (await ledger.reads.entryDays()).reverse().slice(0, ADVERTISED_DAYS);
}


/**
 * Keeps this tablet's day digests current: all held days at start, then a day again a
 * moment after an update of it is durable (a catch-up arrives in many pieces; one refresh
 * per moment covers them all). `onChange` hears the new table.
 */
export class DayDigests {
  #digests = new Map<string, Digest>();
  #dirty = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stops: (() => void)[];
  #closed = false;
  #ready = false;

  constructor(
    private readonly ledger: Ledger,
    private readonly onChange: (digests: ReadonlyMap<string, Digest>) => void,
    private readonly delayMs = 500
  ) {
    this.#stops = [
      ledger.onPersisted((doc) => {
        if (doc.startsWith('day:')) this.#touch(doc.slice(4));
      }),
      // "Read the day again" (entries null) comes when the start-up check rebuilt a day's rows
      // or digest, or another tab wrote: the digest read at start may be the stale one.
      ledger.onEntries((day, entries) => {
        if (entries === null) this.#touch(day);
      })
    ];
    void heldDays(ledger).then((days) => {
      for (const d of days) this.#dirty.add(d);
      return this.#refresh();
    });
  }

  /** Undefined until the held days have been digested once. */
  get digests(): ReadonlyMap<string, Digest> | undefined {
    return this.#ready ? this.#digests : undefined;
  }

  #touch(day: string): void {
    this.#dirty.add(day);
    // At most one refresh per delay, never postponed: a catch-up that lasts minutes on a
    // slow tablet must not leave the advert as it was before it began.
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.#refresh();
    }, this.delayMs);
  }

  async #refresh(): Promise<void> {
    const days = [...this.#dirty];
    this.#dirty.clear();
    for (const day of days) this.#digests.set(day, await this.ledger.dayDigest(day));
    if (this.#closed) return;
    // Only the newest days are advertised.
    const keep = [...this.#digests.keys()].sort().reverse().slice(0, ADVERTISED_DAYS);
    for (const day of [...this.#digests.keys()]) if (!keep.includes(day)) this.#digests.delete(day);
    this.#ready = true;
    this.onChange(this.#digests);
  }

  destroy(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const stop of this.#stops) stop();
  }
}
