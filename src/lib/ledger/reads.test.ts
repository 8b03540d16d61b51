import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEntry } from '$lib/core/builders';
import type { EntryKind } from '$lib/core/types';
import { SiteDb, type EntryRow } from './site-db';
import { LedgerReads } from './reads';

const open: SiteDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

const T0 = Date.UTC(2026, 10, 22, 2, 0, 0);
let seq = 0;
function row(device: string, kind: EntryKind, minutes: number, more: Partial<EntryRow> = {}): EntryRow {
  const day = minutes < 0 ? '2026-11-21' : '2026-11-22';
  return { ...makeEntry({ id: `${device}:${(++seq).toString(36)}`, device, kind, at: T0 + minutes * 60_000 }), day, ...more };
}

async function dbWith(rows: EntryRow[]) {
  const db = new SiteDb(`queries-${open.length}`);
  open.push(db);
  await db.entries.bulkPut(rows);
  return db;
}

describe('recentEntries', () => {
  it('lists this device\'s latest scans at the station today, newest first, with the voids', async () => {
    const mine = 'devmine01';
    const first = row(mine, 'gate-in', 1);
    const rows = [
      row(mine, 'gate-in', -30), // yesterday
      first,
      row('devother1', 'gate-in', 2), // another tablet
      row(mine, 'sample', 3, { station: 'recorder' }), // another station
      row(mine, 'gate-out', 4),
      row(mine, 'gate-in', 4), // same minute: the later id first
      row(mine, 'void', 5, { voids: first.id }),
      row(mine, 'handover', 6),
      row(mine, 'policy', 7), // the supervisor changed the gate's rules on this tablet
      // recorded at the gate beside its scans, listed on screens of their own
      row(mine, 'visitor', 7),
      row(mine, 'vehicle', 7),
      row(mine, 'temperature', 8)
    ];
    const db = await dbWith(rows);
    const recent = await new LedgerReads(db).recentEntries('2026-11-22', mine, 'gate', 12, T0 + 3_600_000);
    expect(recent.entries.map((e) => e.id)).toEqual([rows[5]!.id, rows[4]!.id, first.id]);
    expect([...recent.voided]).toEqual([first.id]);
  });

  it('returns at most the limit', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => row('devmine01', i % 3 ? 'gate-in' : 'gate-out', i));
    const db = await dbWith(rows);
    const recent = await new LedgerReads(db).recentEntries('2026-11-22', 'devmine01', 'gate', 12, T0 + 600 * 60_000);
    expect(recent.entries.map((e) => e.id)).toEqual(rows.slice(-12).reverse().map((e) => e.id));
  });
});

describe('dayGateEntries', () => {
  it('reads the day\'s gate entries and voids, not its samples', async () => {
    const rows = [row('deva00001', 'gate-in', 1), row('deva00001', 'sample', 2), row('deva00001', 'void', 3, { voids: 'x:1' }), row('deva00001', 'gate-out', -5)];
    const db = await dbWith(rows);
    const got = await new LedgerReads(db).dayGateEntries('2026-11-22');
    expect(got.map((e) => e.id).sort()).toEqual([rows[0]!.id, rows[2]!.id].sort());
  });
});

describe('what a tablet holds', () => {
  it('lists the days held oldest first, and one device\'s entry ids only (a removal counts them)', async () => {
    const rows = [row('deva00001', 'gate-in', 1), row('deva000011', 'gate-in', 2), row('devb00001', 'gate-in', -5), row('deva00001', 'void', -4)];
    const db = await dbWith(rows);
    const reads = new LedgerReads(db);
    expect(await reads.entryDays()).toEqual(['2026-11-21', '2026-11-22']);
    expect((await reads.deviceEntryIds('deva00001')).sort()).toEqual([rows[0]!.id, rows[3]!.id].sort());
    expect(await reads.entryCount()).toBe(4);
    expect(await reads.entry(rows[2]!.id)).toMatchObject({ device: 'devb00001', day: '2026-11-21' });
    expect(await reads.entry('nobody:1')).toBeUndefined();
  });
});
