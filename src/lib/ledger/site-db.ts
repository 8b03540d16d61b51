/**
 * The one Dexie database of a site. Schema `version(n)` blocks are only ever appended.
 *
 * - `updates` is the truth: the Yjs update log of every doc (the site doc and one doc per
 *   day of entries), compacted from time to time.
 * - `entries` is an index derived from it, for the screens' queries. It is written in the
 *   same IndexedDB transaction as the update it derives from, so a crash leaves both or
 *   neither; at start it is checked against the docs and rebuilt.
 * - The roster has no table of its own since version 3: the screens read it from the site
 *   doc into memory (and search it there), and its 40,000 index rows, which nothing read,
 *   made an import of a large roster take several seconds longer (tests/bench).
 * - `meta` holds this tablet's identity in the site and its entry counter.
 *
 * Every transaction commits with strict durability: a scan is shown as recorded only once
 * its row is on disk, not merely in the OS cache.
 */
import Dexie, { type Table } from 'dexie';
import type { Entry } from '$lib/core/types';

/** One Yjs update of one doc (`site` or `day:YYYY-MM-DD`). */
export interface UpdateRow {
  seq?: number;
  doc: string;
  data: Uint8Array;
}

/** An entry as the screens query it: the entry plus the site day it belongs to. */
export interface EntryRow extends Entry {
  day: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export const siteDbName = (siteId: string) => `bastion-site-${siteId}`;

export class SiteDb extends Dexie {
  updates!: Table<UpdateRow, number>;
  entries!: Table<EntryRow, string>;
  meta!: Table<MetaRow, string>;

  constructor(siteId: string, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    // No optimistic live-query cache: it copies each write's rows into every open query's
    // cached results inside the write, which a scan's verdict then waits for (tests/bench);
    // the screens' queries read only what they show, so re-running them is cheap.
    super(siteDbName(siteId), { chromeTransactionDurability: 'strict', cache: 'disabled', ...options });
    this.version(1).stores({
      updates: '++seq, doc',
      entries: 'id, day, [day+kind], [subject+at], [station+at], tube, voids',
      people: 'id, [building+unit+room], name, initials',
      meta: 'key'
    });
    // Coverage and tube screens ask for the entries of a round, which spans several days.
    this.version(2).stores({
      entries: 'id, day, [day+kind], [subject+at], [station+at], tube, voids, round'
    });
    // The roster index is dropped (see the header): deleting the table deletes its rows.
    this.version(3).stores({ people: null });
  }
}
