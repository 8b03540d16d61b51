import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { SiteDb } from '$lib/storage/site-db';
import { makeEntryDraft, makeSite } from '$lib/core/builders';
import { Ledger } from './ledger';
import { dayDocName, entriesOf } from './docs';
import { ledgerStore } from './ledger-store';
import { SyncNode } from './session';
import { createConnectedPair } from './memory-transport';

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
  return { ledger, node, problems };
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
    for (let i = 0; i < 20 && !(await b.ledger.db.entries.get(second.id)); i++) {
      await new Promise((r) => setTimeout(r, 10));
      await b.ledger.settled();
    }
    const day = await b.ledger.dayDoc('2026-11-22');
    expect([...entriesOf(day).keys()].sort()).toEqual([first.id, second.id].sort());
    expect(await b.ledger.db.entries.get(first.id)).toMatchObject({ subject: 'p1' });
    expect(await b.ledger.db.updates.where('doc').equals(dayDocName('2026-11-22')).count()).toBeGreaterThan(0);
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
  });
});
