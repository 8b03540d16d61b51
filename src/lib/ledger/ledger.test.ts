import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SiteDb } from '$lib/ledger/site-db';
import { Ledger, LedgerWriteError, ORIGIN_LOCAL, SEQ_BLOCK, loadDoc } from './ledger';
import { dayDocName, entriesOf } from './docs';
import { makeEntryDraft, makePerson } from '$lib/core/builders';
import { T0, applyPeerEntry, deleteTestLedgers, openTestLedger } from './fixtures';
import { digestOf } from '$lib/core/digest';

const setup = (now = () => T0) => openTestLedger('s', now);

afterEach(deleteTestLedgers);

describe('Ledger', () => {
  it('records an entry with a device:seq id, in the log and the index', async () => {
    const { db, ledger } = await setup();
    const a = await ledger.record(makeEntryDraft({ subject: 'p1' }));
    const b = await ledger.record(makeEntryDraft({ subject: 'p2' }));
    expect(a.id).toBe(`${ledger.deviceId}:1`);
    expect(b.id).toBe(`${ledger.deviceId}:2`);
    expect(await db.entries.get(a.id)).toMatchObject({ subject: 'p1', day: '2026-11-22', at: T0 });
    const fromLog = await loadDoc(db, dayDocName('2026-11-22'));
    expect([...entriesOf(fromLog).keys()].sort()).toEqual([a.id, b.id].sort());
  });

  it('never repeats an id after the ledger is reopened (a reload or a crash)', async () => {
    const { site, db, ledger } = await setup();
    const first = await ledger.record(makeEntryDraft());
    ledger.destroy();
    const again = await Ledger.open(db, site, { now: () => T0 });
    const second = await again.record(makeEntryDraft());
    expect(again.deviceId).toBe(ledger.deviceId);
    expect(second.id).not.toBe(first.id);
    // The first ledger had reserved a block of numbers; the reopened one starts after it.
    expect(second.id).toBe(`${ledger.deviceId}:${(SEQ_BLOCK + 1).toString(36)}`);
  });

  it('two ledgers of one database (two tabs) never give the same id, across many blocks', async () => {
    const { site, db, ledger } = await setup();
    const other = await Ledger.open(new SiteDb(db.name.replace('bastion-site-', '')), site, { now: () => T0 });
    const ids: string[] = [];
    for (let i = 0; i < 3 * SEQ_BLOCK; i++) {
      const [a, b] = await Promise.all([ledger.record(makeEntryDraft()), other.record(makeEntryDraft())]);
      ids.push(a.id, b.id);
    }
    other.close();
    expect(new Set(ids).size).toBe(ids.length);
    expect(await db.entries.count()).toBe(ids.length);
  });

  it('checks the index against the disk, not its own memory: rows another tab stored are kept', async () => {
    const { site, db, ledger } = await setup();
    const other = await Ledger.open(new SiteDb(db.name.replace('bastion-site-', '')), site, { now: () => T0 });
    await other.record(makeEntryDraft({ subject: 'other tab' })); // today's doc now in its memory
    const mine = await ledger.record(makeEntryDraft({ subject: 'this tab' })); // not absorbed by the other
    expect(await other.verifyIndex(dayDocName('2026-11-22'))).toBe(false);
    expect(await db.entries.get(mine.id)).toMatchObject({ subject: 'this tab' });
    other.close();
  });

  it('keeps each day\'s digest with its writes: right after own and peers\' entries, after a restart, without loading the day', async () => {
    const { site, db, ledger } = await setup();
    for (let i = 0; i < 5; i++) await ledger.record(makeEntryDraft({ subject: `p${i}` }));
    await applyPeerEntry(ledger, { subject: 'peer' });
    const truth = digestOf(await db.entries.where('day').equals('2026-11-22').primaryKeys());
    expect(truth.count).toBe(6);
    expect(await ledger.dayDigest('2026-11-22')).toEqual(truth);
    ledger.destroy();

    const again = await Ledger.open(db, site, { now: () => T0 + 2 * 86_400_000 });
    expect(await again.dayDigest('2026-11-22')).toEqual(truth);
    expect(again.loadedDayDoc('2026-11-22')).toBeUndefined();
    // A day written before digests were stored is digested from its index keys.
    await db.meta.delete('digest:day:2026-11-22');
    expect(await again.dayDigest('2026-11-22')).toEqual(truth);
    expect(await again.dayDigest('2026-11-01')).toEqual(digestOf([]));
  });

  it('after a failed write, numbers are taken from the disk again: no id is given twice', async () => {
    const { db, ledger } = await setup();
    const before = await ledger.record(makeEntryDraft({ subject: 'kept' }));
    const failing = (_key: unknown, obj: { subject?: string }) => {
      if (obj.subject === 'doomed') throw new Error('disk trouble');
    };
    db.entries.hook('creating', failing);
    await expect(ledger.record(makeEntryDraft({ subject: 'doomed' }))).rejects.toBeInstanceOf(LedgerWriteError);
    db.entries.hook('creating').unsubscribe(failing);
    const after = await ledger.record(makeEntryDraft({ subject: 'after' }));
    expect(after.id).not.toBe(before.id);
    expect((await db.entries.toArray()).map((e) => e.subject).sort()).toEqual(['after', 'kept']);
  });

  it('tells entries listeners what became visible, once durable: own entries and peers\' alike', async () => {
    const { ledger } = await setup();
    const heard: [string, string[] | null][] = [];
    ledger.onEntries((day, entries) => heard.push([day, entries?.map((e) => e.subject) ?? null]));
    await ledger.record(makeEntryDraft({ subject: 'own' }));
    await applyPeerEntry(ledger, { subject: 'peer' });
    expect(heard).toEqual([
      ['2026-11-22', ['own']],
      ['2026-11-22', ['peer']]
    ]);
  });

  it('writes the update and its index row atomically: a failed index write stores neither', async () => {
    const { db, ledger } = await setup();
    await ledger.record(makeEntryDraft({ subject: 'kept' }));
    const rowsBefore = await db.updates.count();
    const failing = (_key: unknown, obj: { subject?: string }) => {
      if (obj.subject === 'doomed') throw new Error('disk trouble');
    };
    db.entries.hook('creating', failing);
    await expect(ledger.record(makeEntryDraft({ subject: 'doomed' }))).rejects.toBeInstanceOf(LedgerWriteError);
    db.entries.hook('creating').unsubscribe(failing);

    expect(await db.updates.count()).toBe(rowsBefore);
    expect(await db.entries.where('subject').equals('doomed').count()).toBe(0);
    // The live doc was reloaded from disk, so it no longer holds the lost entry either…
    const doc = await ledger.dayDoc('2026-11-22');
    expect([...entriesOf(doc).values()].some((v) => (v as { p: string }).p === 'doomed')).toBe(false);
    // …and the next entry is stored and readable after a reload (no dangling dependency).
    const next = await ledger.record(makeEntryDraft({ subject: 'after' }));
    const fromLog = await loadDoc(db, dayDocName('2026-11-22'));
    expect(entriesOf(fromLog).has(next.id)).toBe(true);
    expect(entriesOf(fromLog).size).toBe(2);
  });

  it('rebuilds an index that disagrees with the docs, giving the same rows', async () => {
    const { site, db, ledger } = await setup();
    for (let i = 0; i < 20; i++) await ledger.record(makeEntryDraft({ subject: `p${i}` }));
    const before = await db.entries.orderBy('id').toArray();
    ledger.destroy();

    await db.entries.bulkDelete(before.slice(0, 5).map((e) => e.id));
    await db.entries.put({ ...before[6]!, id: 'zzzzzzzz:1' }); // a row with no entry behind it

    const reopened = await Ledger.open(db, site, { now: () => T0 });
    await reopened.settled(); // today's check runs in the write queue after opening
    expect(await db.entries.orderBy('id').toArray()).toEqual(before);
    expect(await reopened.verifyIndex(dayDocName('2026-11-22'))).toBe(false);
  });

  it('imports a roster all at once, as one row of the site doc\'s log, read back after a restart', async () => {
    const { site, db, ledger } = await setup();
    const rowsBefore = await db.updates.count();
    await ledger.importPeople([makePerson({ id: 'aaaa1', name: '张三' }), makePerson({ id: 'aaaa2', name: '李四' })]);
    expect(await db.updates.count()).toBe(rowsBefore + 1);
    ledger.destroy();
    const reopened = await Ledger.open(db, site, { now: () => T0 });
    expect(reopened.people().map((p) => p.name).sort()).toEqual(['张三', '李四'].sort());
  });

  it('compaction replaces many log rows by one and keeps the state', async () => {
    const { db, ledger } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await ledger.record(makeEntryDraft({ subject: `p${i}` }))).id);
    const name = dayDocName('2026-11-22');
    expect(await db.updates.where('doc').equals(name).count()).toBe(30);
    await ledger.compact(name);
    expect(await db.updates.where('doc').equals(name).count()).toBe(1);
    const doc = await loadDoc(db, name);
    expect([...entriesOf(doc).keys()].sort()).toEqual(ids.sort());
    // Writing after compaction still works and survives a reload.
    const more = await ledger.record(makeEntryDraft());
    expect(entriesOf(await loadDoc(db, name)).has(more.id)).toBe(true);
  });

  it('files an entry under the site day of its time, not the tablet clock zone', async () => {
    // 23:30 UTC on the 21st is 07:30 on the 22nd in Shanghai.
    const { db, ledger } = await setup(() => Date.UTC(2026, 10, 21, 23, 30));
    const e = await ledger.record(makeEntryDraft());
    expect((await db.entries.get(e.id))?.day).toBe('2026-11-22');
  });

  it('applies an update from elsewhere and indexes what it made visible', async () => {
    const { db, ledger } = await setup();
    const peer = new Y.Doc();
    entriesOf(peer).set('peerdev1:1', { k: 0, t: T0 / 1000, s: 0, u: '王', p: 'pX' });
    await ledger.applyUpdate(dayDocName('2026-11-22'), Y.encodeStateAsUpdate(peer), 'peer');
    expect(await db.entries.get('peerdev1:1')).toMatchObject({ subject: 'pX', device: 'peerdev1', kind: 'gate-in', direction: 'in', verdict: 'accepted' });
  });

  it('registers this tablet in the site doc, writing only when its name or station changed', async () => {
    const { site, db, ledger } = await setup();
    await ledger.registerDevice('北门1号', 'gate');
    const rows = await db.updates.where('doc').equals('site').count();
    await ledger.registerDevice('北门1号', 'gate');
    expect(await db.updates.where('doc').equals('site').count()).toBe(rows);
    ledger.destroy();
    const again = await Ledger.open(db, site, { now: () => T0 });
    expect(again.devices().get(again.deviceId)).toEqual({ name: '北门1号', station: 'gate' });
  });

  it('stores rounds in the site doc; closing one replaces it; they survive a reopen', async () => {
    const { site, db, ledger } = await setup();
    const round = { id: 'r0001', name: '第3轮', date: '2026-11-22', pooling: 10 as const, stickerColour: 'green' as const, openedAt: T0 };
    await ledger.saveRound(round);
    await ledger.saveRound({ ...round, closedAt: T0 + 3_600_000 });
    await expect(ledger.saveRound({ ...round, id: 'r0002', pooling: 7 as never })).rejects.toBeInstanceOf(RangeError);
    ledger.destroy();
    const again = await Ledger.open(db, site, { now: () => T0 });
    expect(again.rounds()).toEqual([{ ...round, closedAt: T0 + 3_600_000 }]);
  });

  it('indexes entries by round, across days', async () => {
    const { db, ledger } = await setup();
    await ledger.record(makeEntryDraft({ kind: 'check-in', subject: 'p1', round: 'r0001', at: T0 }));
    await ledger.record(makeEntryDraft({ kind: 'check-in', subject: 'p2', round: 'r0001', at: T0 + 86_400_000 }));
    await ledger.record(makeEntryDraft({ kind: 'check-in', subject: 'p3', round: 'r0002', at: T0 }));
    const rows = await db.entries.where('round').equals('r0001').toArray();
    expect(rows.map((r) => [r.subject, r.day])).toEqual([
      ['p1', '2026-11-22'],
      ['p2', '2026-11-23']
    ]);
  });

  it('tells listeners where a change came from', async () => {
    const { ledger } = await setup();
    const origins: unknown[] = [];
    ledger.onPersisted((_doc, _update, origin) => origins.push(origin));
    await ledger.record(makeEntryDraft());
    const peer = new Y.Doc();
    entriesOf(peer).set('peerdev1:1', { k: 0, t: T0 / 1000, s: 0, u: '王', p: 'pX' });
    await ledger.applyUpdate(dayDocName('2026-11-22'), Y.encodeStateAsUpdate(peer), 'peer-42');
    expect(origins).toEqual([ORIGIN_LOCAL, 'peer-42']);
  });

  it('tells listeners about an update only once it is durable', async () => {
    const { db, ledger } = await setup();
    const counts: Promise<number>[] = [];
    ledger.onPersisted((doc) => {
      if (doc.startsWith('day:')) counts.push(db.updates.where('doc').equals(doc).count());
    });
    await ledger.record(makeEntryDraft());
    expect(await Promise.all(counts)).toEqual([1]); // the entry's row was already stored
  });
});
