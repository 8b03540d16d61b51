import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeEntryDraft } from '$lib/core/builders';
import type { Direction, Entry } from '$lib/core/types';
import { T0, applyPeerEntry, deleteTestLedgers, openTestLedger } from '$lib/ledger/fixtures';
import { SiteTallyView } from './site-tally.svelte';

afterEach(deleteTestLedgers);

const HOUR = 3_600_000;

async function setup() {
  const { ledger } = await openTestLedger('st');
  const pass = (subject: string, direction: Direction, fields: Partial<Entry> = {}) =>
    ledger.record(makeEntryDraft({ kind: direction === 'in' ? 'gate-in' : 'gate-out', direction, subject, verdict: 'accepted', ...fields }));
  /** A pass made on another tablet, arriving as its update would. */
  const peerPass = (n: number, subject: string, direction: Direction, at: number) =>
    applyPeerEntry(ledger, { id: `zzzzzzzz:${n}`, kind: direction === 'in' ? 'gate-in' : 'gate-out', direction, subject, verdict: 'accepted', staff: '赵六', at });
  return { ledger, pass, peerPass };
}

describe('SiteTallyView', () => {
  it("counts today's gate passes of every tablet, by hour of the site's day, and follows each new one", async () => {
    const { ledger, pass, peerPass } = await setup();
    await pass('a', 'in');
    await pass('b', 'in', { at: T0 + HOUR });
    await pass('visitor', 'in', { verdict: 'refused', reason: 'not-on-roster' });
    await pass('a', 'in', { at: T0 + 60_000, verdict: 'duplicate' });
    // Yesterday's pass and a sample today are not the gate's tally of today.
    await pass('c', 'out', { at: T0 - 24 * HOUR });
    await ledger.record(makeEntryDraft({ kind: 'sample', station: 'recorder', subject: 'd', tube: 'TA-0001', verdict: 'accepted' }));
    const view = new SiteTallyView(ledger);
    expect(view.day).toBe('2026-11-22');
    await vi.waitFor(() => expect(view.gate.current).toMatchObject({ in: 2, out: 0, refused: 1, duplicate: 1, conflicts: 0 }));
    // T0 is 10:00 in Shanghai.
    expect(view.gate.current!.perHour[10]).toBe(3);
    expect(view.gate.current!.perHour[11]).toBe(1);
    expect(view.conflicts.current).toEqual([]);

    await pass('b', 'out', { at: T0 + 2 * HOUR });
    await vi.waitFor(() => expect(view.gate.current).toMatchObject({ in: 2, out: 1, outside: 1 }));
    // Another tablet's pass counts as soon as it arrives.
    await peerPass(1, 'e', 'in', T0 + 3 * HOUR);
    await vi.waitFor(() => expect(view.gate.current).toMatchObject({ in: 3, out: 1 }));
    expect(view.gate.current!.perHour[13]).toBe(1);
    view.destroy();
  });

  it('names a person let in by two tablets that were apart, counts them once, and drops the clash when a pass is voided', async () => {
    const { ledger, pass, peerPass } = await setup();
    const mine = await pass('a', 'in');
    await pass('b', 'in');
    const view = new SiteTallyView(ledger);
    await vi.waitFor(() => expect(view.gate.current).toMatchObject({ in: 2, conflicts: 0 }));

    // The other tablet, apart from this one, let `a` in too, ten minutes later.
    const theirs = await peerPass(1, 'a', 'in', T0 + 600_000);
    await vi.waitFor(() => expect(view.conflicts.current).toHaveLength(1));
    const [clash] = view.conflicts.current!;
    expect(clash!.subject).toBe('a');
    expect(clash!.entries.map((e) => [e.id, e.device, e.staff])).toEqual([
      [mine.id, ledger.deviceId, mine.staff],
      [theirs.id, 'zzzzzzzz', '赵六']
    ]);
    expect(view.gate.current).toMatchObject({ in: 2, conflicts: 1 });

    // This tablet's pass was a mistake: voided, the other tablet's pass is the one passage.
    await ledger.record(makeEntryDraft({ kind: 'void', subject: 'a', voids: mine.id, verdict: 'accepted', reason: 'scanned-by-mistake' }));
    await vi.waitFor(() => expect(view.conflicts.current).toEqual([]));
    expect(view.gate.current).toMatchObject({ in: 2, voided: 1, conflicts: 0 });

    // A void that arrives from the other tablet takes its pass back as well.
    await applyPeerEntry(ledger, { id: 'zzzzzzzz:2', kind: 'void', subject: 'a', voids: theirs.id, verdict: 'accepted', reason: 'scanned-by-mistake', at: T0 + 700_000 });
    await vi.waitFor(() => expect(view.gate.current).toMatchObject({ in: 1, voided: 2, conflicts: 0 }));
    view.destroy();
  });
});
