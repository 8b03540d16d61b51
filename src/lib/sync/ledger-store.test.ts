import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { SiteDb } from '$lib/ledger/site-db';
import { makeEntryDraft, makeSite } from '$lib/core/builders';
import * as Y from 'yjs';
import { Ledger, PAST_DAYS_IN_MEMORY, loadDoc } from '$lib/ledger/ledger';
import { dayDocName, entriesOf } from '$lib/ledger/docs';
import { ledgerStore } from './ledger-store';
import { SyncNode } from './node';
import { createConnectedPair } from './memory-transport';
import { removalsOf, removeDevice } from '$lib/ledger/removal';
import { shareAcrossTabs } from '$lib/ledger/tabs';

const T0 = Date.UTC(2026, 10, 22, 2, 0, 0);
const open: SiteDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function tablet(name: string) {
  const site = makeSite({ id: 'ls0001ab' });
  const db = new SiteDb(`${site.id}-${name}`);
  open.push(db);
  const ledger = await Ledger.open(db, site, { now: () => T0 });
  const problems: unknown[] = [];
  const node = new SyncNode(ledgerStore(ledger), { device: ledger.deviceId, onProblem: (p) => problems.push(p) });
  return { db, ledger, node, problems };
}

describe('ledgerStore', () => {
  it('syncs two ledgers: catch-up, then live writes, stored durably with their index rows', async () => {
    const a = await tablet('a');
    const b = await tablet('b');
    const first = await a.ledger.record(makeEntryDraft({ subject: 'p1' }));
    const pair = createConnectedPair();
    const [sa, sb] = [a.node.connect(pair.a), b.node.connect(pair.b)];
    await Promise.all([sa.whenSynced, sb.whenSynced]);
    const second = await a.ledger.record(makeEntryDraft({ subject: 'p2' }));
    for (let i = 0; i < 20 && !(await b.ledger.reads.entry(second.id)); i++) {
      await new Promise((r) => setTimeout(r, 10));
      await b.ledger.settled();
    }
    const day = await b.ledger.dayDoc('2026-11-22');
    expect([...entriesOf(day).keys()].sort()).toEqual([first.id, second.id].sort());
    expect(await b.ledger.reads.entry(first.id)).toMatchObject({ subject: 'p1' });
    expect(await b.db.updates.where('doc').equals(dayDocName('2026-11-22')).count()).toBeGreaterThan(0);
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
  });
});

describe('removing a lost tablet', () => {
  async function until(check: () => Promise<boolean>) {
    for (let i = 0; i < 50 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  }

  it('keeps what it wrote before, refuses what it writes after, on every tablet the removal reaches', async () => {
    const [a, b, lost] = [await tablet('a'), await tablet('b'), await tablet('lost')];
    const before = await lost.ledger.record(makeEntryDraft({ subject: 'p1' }));
    const link = (x: typeof a, y: typeof a) => {
      const pair = createConnectedPair();
      return [x.node.connect(pair.a), y.node.connect(pair.b)] as const;
    };
    const [toLost] = link(a, lost);
    await until(async () => !!(await a.ledger.reads.entry(before.id)));
    toLost.destroy();
    await removeDevice(a.ledger, lost.ledger.deviceId, '王主任', T0);
    expect(removalsOf(a.ledger.siteDoc).get(lost.ledger.deviceId)).toEqual({ at: T0, upTo: 1, by: '王主任' });

    // B learns of the removal from A, then meets the lost tablet, which wrote more meanwhile.
    link(a, b);
    await until(async () => removalsOf(b.ledger.siteDoc).has(lost.ledger.deviceId));
    const after = await lost.ledger.record(makeEntryDraft({ subject: 'p2' }));
    const [, fromLost] = link(b, lost);
    await fromLost.whenSynced;
    await b.node.idle();
    expect(await b.ledger.reads.entry(before.id)).toMatchObject({ subject: 'p1' });
    expect(await b.ledger.reads.entry(after.id)).toBeUndefined();
    expect(b.problems).toContainEqual(expect.objectContaining({ reason: 'revoked-device' }));
  });

  it('refuses a removal of oneself, and a second removal changes nothing', async () => {
    const [a, b] = [await tablet('a'), await tablet('b')];
    await expect(removeDevice(a.ledger, a.ledger.deviceId, 'x', T0)).rejects.toThrow(RangeError);
    await removeDevice(a.ledger, b.ledger.deviceId, '王主任', T0);
    await removeDevice(a.ledger, b.ledger.deviceId, '李主任', T0 + 1);
    expect(removalsOf(a.ledger.siteDoc).get(b.ledger.deviceId)?.by).toBe('王主任');
  });
});

describe('past days stay on disk', () => {
  const DAY_MS = 86_400_000;
  const days = [0, 1, 2, 3, 4, 5].map((i) => new Date(T0 - i * DAY_MS).toISOString().slice(0, 10));

  async function tabletWithHistory(name: string) {
    const site = makeSite({ id: 'ls0001ab' });
    const db = new SiteDb(`${site.id}-${name}`);
    open.push(db);
    let now = T0;
    const writer = await Ledger.open(db, site, { now: () => now });
    for (let i = 0; i < days.length; i++) {
      now = T0 - i * DAY_MS;
      await writer.record(makeEntryDraft({ subject: `p${i}` }));
    }
    writer.destroy();
    return { db, site, ledger: await Ledger.open(db, site, { now: () => T0 }) };
  }

  it('answers what it holds of every day without loading one', async () => {
    const { db, ledger } = await tabletWithHistory('h');
    const store = ledgerStore(ledger);
    for (const day of days.slice(1)) {
      const vector = await store.stateVector(`day:${day}`);
      expect(ledger.loadedDayDoc(day)).toBeUndefined();
      expect(vector).toEqual(Y.encodeStateVector(await loadDoc(db, `day:${day}`)));
    }
  });

  it('meets a peer that lacks one past day by loading that day only, and keeps few past days in memory', async () => {
    const a = await tabletWithHistory('a');
    const b = await tablet('b');
    const node = new SyncNode(ledgerStore(a.ledger), { device: a.ledger.deviceId });
    const pair = createConnectedPair();
    const [sa, sb] = [node.connect(pair.a), b.node.connect(pair.b)];
    await Promise.all([sa.whenSynced, sb.whenSynced]);
    expect(await b.ledger.reads.entryCount()).toBe(days.length);
    // B lacked everything, so A loaded each day to send it; only the newest few stay.
    await a.ledger.settled();
    const loaded = days.slice(1).filter((d) => a.ledger.loadedDayDoc(d));
    expect(loaded.length).toBeLessThanOrEqual(PAST_DAYS_IN_MEMORY);

    // A, restarted, meets B again: nobody is behind, so no past day is loaded.
    node.destroy();
    a.ledger.destroy();
    const again = { ledger: await Ledger.open(a.db, a.site, { now: () => T0 }) };
    const node2 = new SyncNode(ledgerStore(again.ledger), { device: again.ledger.deviceId });
    const pair2 = createConnectedPair();
    const [s2a, s2b] = [node2.connect(pair2.a), b.node.connect(pair2.b)];
    await Promise.all([s2a.whenSynced, s2b.whenSynced]);
    expect(days.slice(1).filter((d) => again.ledger.loadedDayDoc(d))).toEqual([]);
  });
});

describe('tabs of one tablet', () => {
  it('share what each stores, and pass it on to the peers of the other tab', async () => {
    const site = makeSite({ id: 'ls0001ab' });
    const db1 = new SiteDb(`${site.id}-tabs`);
    open.push(db1);
    const tab1 = await Ledger.open(db1, site, { now: () => T0 });
    const tab2 = await Ledger.open(new SiteDb(`${site.id}-tabs`), site, { now: () => T0 });
    const stops = [shareAcrossTabs(tab1), shareAcrossTabs(tab2)];
    // A peer that only tab 2 is connected to.
    const peer = await tablet('peer');
    const node2 = new SyncNode(ledgerStore(tab2), { device: tab2.deviceId });
    const pair = createConnectedPair();
    await Promise.all([node2.connect(pair.a).whenSynced, peer.node.connect(pair.b).whenSynced]);

    const entry = await tab1.record(makeEntryDraft({ subject: 'p1' }));
    for (let i = 0; i < 50 && !(await peer.ledger.reads.entry(entry.id)); i++) await new Promise((r) => setTimeout(r, 10));
    expect(entriesOf(await tab2.dayDoc('2026-11-22')).has(entry.id)).toBe(true);
    expect(await peer.ledger.reads.entry(entry.id)).toMatchObject({ subject: 'p1' });
    // Absorbed, not stored again: the log holds the entry's update once.
    expect(await db1.updates.where('doc').equals(dayDocName('2026-11-22')).count()).toBe(1);
    stops.forEach((stop) => stop());
  });
});
