import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeEntryDraft, makeSite } from '$lib/core/builders';
import { hourOf } from '$lib/core/day';
import { encodeEntry } from '$lib/core/entry-codec';
import { tallyGate } from '$lib/core/tally';
import type { Direction, Entry } from '$lib/core/types';
import { SiteDb } from '$lib/storage/site-db';
import { dayGateEntries } from '$lib/storage/queries';
import { dayDocName, entriesOf } from '$lib/sync/docs';
import { Ledger } from '$lib/sync/ledger';
import { GateTallyLive } from './gate-tally.svelte';

const T0 = Date.UTC(2026, 10, 22, 2, 0, 0);
let n = 0;
const open: SiteDb[] = [];

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function setup() {
  const site = makeSite({ id: `gt${++n}abcd` });
  const db = new SiteDb(site.id);
  open.push(db);
  const ledger = await Ledger.open(db, site, { now: () => T0 });
  const pass = (subject: string, direction: Direction, at = T0) =>
    ledger.record(makeEntryDraft({ kind: direction === 'in' ? 'gate-in' : 'gate-out', direction, subject, verdict: 'accepted', at }));
  const truth = async () => tallyGate(await dayGateEntries(db, '2026-11-22'), (at) => hourOf(at, site.timeZone));
  return { ledger, pass, truth };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('GateTallyLive', () => {
  it('counts what was on disk, then every entry made durable after it, exactly as a recount of the day', async () => {
    const { ledger, pass, truth } = await setup();
    await pass('a', 'in');
    await pass('b', 'out', T0 + 3_600_000);
    const live = new GateTallyLive(ledger);
    // Written while the day is being read: counted once, not lost, not twice.
    const c = await pass('c', 'in');
    await settle();
    expect(live.current).toEqual(await truth());
    expect(live.current).toMatchObject({ in: 2, out: 1 });

    await ledger.record(makeEntryDraft({ kind: 'void', subject: 'c', voids: c.id, verdict: 'accepted', reason: 'scanned-by-mistake' }));
    const peer = new Y.Doc();
    const fromPeer: Entry = { ...makeEntryDraft({ kind: 'gate-in', direction: 'in', subject: 'a', verdict: 'accepted' }), id: 'zzzzzzzz:1', device: 'zzzzzzzz', at: T0 + 60_000 };
    entriesOf(peer).set(fromPeer.id, encodeEntry(fromPeer));
    await ledger.applyUpdate(dayDocName('2026-11-22'), Y.encodeStateAsUpdate(peer), 'peer');
    // Sampling entries of the same day change nothing.
    await ledger.record(makeEntryDraft({ kind: 'sample', station: 'recorder', subject: 'd', verdict: 'accepted' }));
    expect(live.current).toEqual(await truth());
    expect(live.current).toMatchObject({ in: 1, out: 1, voided: 1, conflicts: 1 });
    live.destroy();
  });
});
