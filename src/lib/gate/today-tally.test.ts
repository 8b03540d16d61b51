import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEntryDraft } from '$lib/core/builders';
import { hourOf } from '$lib/core/day';
import { tallyGate } from '$lib/gate/tally';
import type { Direction } from '$lib/core/types';
import { T0, applyPeerEntry, deleteTestLedgers, openTestLedger } from '$lib/ledger/fixtures';
import { LiveGateTally } from './today-tally.svelte';

afterEach(deleteTestLedgers);

async function setup() {
  const { site, ledger } = await openTestLedger('gt');
  const pass = (subject: string, direction: Direction, at = T0) =>
    ledger.record(makeEntryDraft({ kind: direction === 'in' ? 'gate-in' : 'gate-out', direction, subject, verdict: 'accepted', at }));
  const truth = async () => tallyGate(await ledger.reads.dayGateEntries('2026-11-22'), (at) => hourOf(at, site.timeZone));
  return { ledger, pass, truth };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('LiveGateTally', () => {
  it('counts what was on disk, then every entry made durable after it, exactly as a recount of the day', async () => {
    const { ledger, pass, truth } = await setup();
    await pass('a', 'in');
    await pass('b', 'out', T0 + 3_600_000);
    const live = new LiveGateTally(ledger);
    // Written while the day is being read: counted once, not lost, not twice.
    const c = await pass('c', 'in');
    await settle();
    expect(live.current).toEqual(await truth());
    expect(live.current).toMatchObject({ in: 2, out: 1 });

    await ledger.record(makeEntryDraft({ kind: 'void', subject: 'c', voids: c.id, verdict: 'accepted', reason: 'scanned-by-mistake' }));
    await applyPeerEntry(ledger, { kind: 'gate-in', direction: 'in', subject: 'a', verdict: 'accepted', at: T0 + 60_000 });
    // Sampling entries of the same day change nothing.
    await ledger.record(makeEntryDraft({ kind: 'sample', station: 'recorder', subject: 'd', verdict: 'accepted' }));
    expect(live.current).toEqual(await truth());
    expect(live.current).toMatchObject({ in: 1, out: 1, voided: 1, conflicts: 1 });
    live.destroy();
  });
});
