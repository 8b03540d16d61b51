/**
 * Storage per entry: what IndexedDB holds on disk for each entry (its share of the update log,
 * its index row and the index keys), against the entry's own encoding.
 *
 * The disk figure is the origin's usage as Chromium reports it (`navigator.storage.estimate`,
 * the size of the IndexedDB files), before and after 40,000 entries of one day are written in
 * batches of 1,000 as peers' updates arrive: the steady state of a compacted log. Run first,
 * on a clean profile, so that no other database of the origin grows meanwhile.
 *
 * The floor is the entry alone as Yjs encodes it in a compact update (key and value, the form
 * the log and the sync both carry), divided per entry.
 */
import * as Y from 'yjs';
import { makeRow, type Row } from '../rows.js';
import { benchSite } from './seed';
import { openTablet, writeEntries } from './peers';

const N = 40_000;

async function usage(): Promise<number> {
  return (await navigator.storage.estimate()).usage ?? NaN;
}

export async function measureStorage(): Promise<{ rows: Row[]; notes: string[] }> {
  const tablet = await openTablet(benchSite('benchstore'), 'bench-storage');
  try {
    const before = await usage();
    await writeEntries(tablet, 'benchst1', N, 1000);
    await tablet.ledger.settled();
    const after = await usage();
    const doc = await tablet.ledger.dayDoc(tablet.ledger.today());
    const floor = Y.encodeStateAsUpdate(doc).length / N;
    const rows = await tablet.db.updates.toArray();
    const log = rows.filter((r) => r.doc.startsWith('day:')).reduce((n, r) => n + r.data.length, 0) / N;
    const row = await tablet.db.entries.limit(1).first();
    const perEntry = (after - before) / N;
    return {
      rows: [
        makeRow({ name: 'storage per entry on disk (update log + index rows + index keys)', value: perEntry, unit: 'B', floor, goal: '≤ 250 B', meets: (v) => v <= 250 })
      ],
      notes: [`storage: update log ${log.toFixed(1)} B/entry; an index row as JSON ${JSON.stringify(row).length} B; usage grew ${Math.round((after - before) / 1024)} KiB for ${N} entries`]
    };
  } finally {
    tablet.close();
  }
}
