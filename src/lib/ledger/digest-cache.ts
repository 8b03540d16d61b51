/**
 * The digest of each day's entry ids (core/digest.ts), as the ledger stores it with every
 * write, so that adverts never load a past day nor read its index.
 *
 * - A write adds the keys new to the day to the digest it last stored (`next`); a key set
 *   again, or a day whose digest is not known here, is counted afresh from the doc.
 * - The last stored digest of each day is kept in memory; a failed write, or another tab's
 *   write (tab absorb), forgets it, so the next one is read from disk or counted again.
 * - Days stored before digests were are digested once from their index keys, and the digest
 *   then stored.
 */
import { addToDigest, digestOf, type Digest } from '$lib/core/digest';
import type { SerialLane } from '$lib/core/lane';
import { dayDocName, entriesOf } from './docs';
import type { DayDocs } from './day-docs';
import type { MetaRow, SiteDb } from './site-db';
import type * as Y from 'yjs';

/** The meta key under which a day doc's digest is stored. */
export const digestKey = (docName: string) => `digest:${docName}`;

/** The meta row that stores a day doc's digest beside its update. */
export const digestRow = (docName: string, digest: Digest | undefined): MetaRow => ({ key: digestKey(docName), value: digest });

export class DigestCache {
  /** Day digests as last stored, by doc name (the disk has them too, under `digest:`). */
  #digests = new Map<string, Digest>();

  constructor(
    private readonly db: SiteDb,
    private readonly lane: SerialLane,
    private readonly days: DayDocs
  ) {}

  /**
   * The digest of a day without loading the day: as stored with its last write; from the
   * day's index keys for days stored before digests were.
   */
  async of(day: string): Promise<Digest> {
    const name = dayDocName(day);
    const known = this.#digests.get(name);
    if (known) return known;
    const row = await this.db.meta.get(digestKey(name));
    if (row && isDigest(row.value)) return row.value;
    const loaded = this.days.loaded(name);
    if (loaded) return digestOf(entriesOf(loaded).keys());
    // Read outside the write lane (scans must not wait behind 40,000 keys), then stored so a
    // tablet upgraded from before digests reads them only once; unless a write stored the
    // day's digest meanwhile, which then counts what was read and more.
    const { db } = this;
    const digest = digestOf((await db.entries.where('day').equals(day).primaryKeys()) as string[]);
    return this.lane.run(() =>
      db.transaction('rw', db.meta, async () => {
        const stored = await db.meta.get(digestKey(name));
        if (stored && isDigest(stored.value)) return stored.value;
        await db.meta.put({ key: digestKey(name), value: digest });
        return digest;
      })
    );
  }

  /** The digest of a day doc after a write that `added` keys, or changed others (`recount`). */
  next(docName: string, doc: Y.Doc, added: readonly string[], recount: boolean): Digest {
    const known = recount ? undefined : this.#digests.get(docName);
    return known ? added.reduce(addToDigest, known) : digestOf(entriesOf(doc).keys());
  }

  /** Keeps the digest a write stored. */
  remember(docName: string, digest: Digest): void {
    this.#digests.set(docName, digest);
  }

  /** Forgets a digest that may no longer be the stored one. */
  forget(docName: string): void {
    this.#digests.delete(docName);
  }
}

export function isDigest(value: unknown): value is Digest {
  const d = value as Digest | null;
  return typeof d === 'object' && d !== null && [d.count, d.a, d.b].every((n) => Number.isInteger(n) && n >= 0);
}
