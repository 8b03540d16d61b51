/**
 * This tablet's identity in a site and the sequence numbers of its entries, kept in the site
 * database's `meta` table under `device`: the id is made once, on the first open; the
 * counter says up to where numbers have been handed out.
 *
 * Numbers are reserved SEQ_BLOCK at a time, inside the write transaction that needs the
 * first of a block, so a scan needs no read of the counter; the numbers a closed tab never
 * used are skipped, and ids need no more than to be unique. Each tab of a tablet reserves
 * its own blocks. If the transaction fails, the block is forgotten (`forget`), and the disk
 * still says where the next one starts.
 */
import { makeDeviceId } from '$lib/core/entry-id';
import type { SiteDb } from './site-db';

/** Sequence numbers an open ledger takes from the disk at a time (see the header). */
export const SEQ_BLOCK = 64;

interface DeviceIdentity {
  id: string;
  seq: number;
}

/** This tablet's device id in the site of `db`, made and stored on the first open. */
export function deviceIdOf(db: SiteDb, randomBytes: (n: number) => Uint8Array): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get('device');
    if (row) return (row.value as DeviceIdentity).id;
    const id = makeDeviceId(randomBytes);
    await db.meta.put({ key: 'device', value: { id, seq: 0 } satisfies DeviceIdentity });
    return id;
  });
}

/** The block of sequence numbers this ledger reserved and has not used yet. */
export class SeqReservation {
  /** `next` up to `last`, both included. */
  #block: { next: number; last: number } | null = null;

  constructor(private readonly db: SiteDb) {}

  /** The next sequence number; call inside a write transaction that includes `meta`. */
  async next(): Promise<number> {
    if (!this.#block || this.#block.next > this.#block.last) {
      const identity = (await this.db.meta.get('device'))!.value as DeviceIdentity;
      const last = identity.seq + SEQ_BLOCK;
      await this.db.meta.put({ key: 'device', value: { id: identity.id, seq: last } satisfies DeviceIdentity });
      this.#block = { next: identity.seq + 1, last };
    }
    return this.#block.next++;
  }

  /** Forgets the block: reserved in a transaction that failed, it was never stored. */
  forget(): void {
    this.#block = null;
  }
}
