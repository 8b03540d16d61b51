/**
 * Where a scan's write time goes (notes, not a goal), one after the other with pauses as at a
 * gate: the ledger's write of one entry (a Dexie transaction over the update log, the index
 * and meta, with the Yjs update); the same rows through Dexie alone; the same rows with bare
 * IndexedDB in one strict transaction; and a bare put of one row (the scan figure's floor).
 */
import { SiteDb } from '$lib/ledger/site-db';
import { percentile, median } from '../rows.js';
import { benchSite } from './seed';
import { openTablet } from './peers';
import type { Measured } from './main';

const RUNS = 60;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function bare(db: IDBDatabase, stores: string[], fill: (tx: IDBTransaction) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
    fill(tx);
    tx.oncomplete = () => resolve(performance.now() - t0);
    tx.onerror = () => reject(tx.error);
  });
}

export async function measureWrite(): Promise<Measured> {
  const tablet = await openTablet(benchSite('benchwrite'), 'bench-write');
  const raw = new SiteDb('bench-write-raw');
  await raw.delete();
  await raw.open();
  const idb = raw.backendDB();
  const times = { ledger: [] as number[], dexie: [] as number[], three: [] as number[], one: [] as number[] };
  try {
    for (let i = 0; i < RUNS; i++) {
      const draft = { kind: 'gate-in', station: 'gate', staff: '王五', subject: `p${i}`, verdict: 'accepted', direction: 'in' } as const;
      const t0 = performance.now();
      const entry = await tablet.ledger.record(draft);
      times.ledger.push(performance.now() - t0);
      await sleep(50);
      const row = { ...entry, id: `${entry.id}r`, day: '2026-11-22' };
      const t1 = performance.now();
      await raw.transaction('rw', [raw.updates, raw.entries, raw.meta], () =>
        Promise.all([
          raw.updates.add({ doc: 'day:2026-11-22', data: new Uint8Array(70) }),
          raw.entries.bulkPut([{ ...row, id: `${entry.id}d` }]),
          raw.meta.bulkPut([{ key: 'sv:day:2026-11-22', value: new Uint8Array(12) }, { key: 'digest:day:2026-11-22', value: { count: i, a: i, b: i } }])
        ])
      );
      times.dexie.push(performance.now() - t1);
      await sleep(50);
      times.three.push(
        await bare(idb, ['updates', 'entries', 'meta'], (tx) => {
          tx.objectStore('updates').add({ doc: 'day:2026-11-22', data: new Uint8Array(70) });
          tx.objectStore('entries').put(row);
          tx.objectStore('meta').put({ key: 'sv:day:2026-11-22', value: new Uint8Array(12) });
          tx.objectStore('meta').put({ key: 'digest:day:2026-11-22', value: { count: i, a: i, b: i } });
        })
      );
      await sleep(50);
      times.one.push(await bare(idb, ['meta'], (tx) => tx.objectStore('meta').put({ key: `floor${i}`, value: row })));
      await sleep(50);
    }
  } finally {
    tablet.close();
    raw.close();
  }
  const fmt = (xs: number[]) => `${median(xs).toFixed(1)}/${percentile(xs, 95).toFixed(1)} ms`;
  return {
    rows: [],
    notes: [`write of one entry, p50/p95: the ledger (Dexie, Yjs, 3 stores) ${fmt(times.ledger)}; the same rows through Dexie alone ${fmt(times.dexie)}; the same rows in bare IndexedDB ${fmt(times.three)}; one bare put ${fmt(times.one)}`]
  };
}
