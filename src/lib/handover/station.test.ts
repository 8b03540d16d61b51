import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeEntryDraft } from '$lib/core/builders';
import { makeRound } from '$lib/core/sampling-builders';
import { T0, applyPeerEntry, deleteTestLedgers } from '$lib/ledger/fixtures';
import { peerChangesSite } from '$lib/site/site-fixtures';
import { parseHandoverCode } from './code';
import type { RecordOutcome } from './record';
import { HOUR, NOW, START_OF_DAY, openHandover } from './handover-fixtures';

beforeEach(() => {
  // Only Date is faked (the shift runs until now; vi.waitFor moves it on as it polls).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(async () => {
  vi.useRealTimers();
  await deleteTestLedgers();
});

describe('HandoverStation', () => {
  it("tallies this station's shift since the start of the day, per kind, station and tablet; the whole site or another window on request", async () => {
    const { ledger, station, pass, refused } = await openHandover();
    const round = makeRound({ id: 'rnd1' });
    await ledger.saveRound(round);
    await pass('a');
    await pass('b', { at: T0 + 60_000 });
    await refused('VISITOR-PASS-001', T0 + 120_000);
    await pass('a', { kind: 'gate-out', direction: 'out', at: T0 + 180_000 });
    await ledger.record(makeEntryDraft({ kind: 'sample', station: 'recorder', subject: 'c', tube: 'TA-0001', round: round.id, at: T0 + 300_000 }));
    await applyPeerEntry(ledger, { kind: 'gate-in', direction: 'in', subject: 'd', verdict: 'accepted', at: T0 + 600_000 });
    await pass('e', { at: T0 - 24 * HOUR }); // yesterday's shift

    // It opens on the station this tablet serves.
    expect(station.scope).toBe('gate');
    await vi.waitFor(() => expect(station.summary?.tally.entries).toBe(5));
    const summary = station.summary!;
    expect(summary.tally).toMatchObject({
      byKind: { 'gate-in': 3, 'gate-out': 1 },
      byStation: { gate: 5 },
      byDevice: { [ledger.deviceId]: 4, zzzzzzzz: 1 },
      refused: 1,
      duplicate: 0,
      voids: 0,
      conflicts: 0
    });
    expect(summary.window.from).toBe(START_OF_DAY);
    expect(summary.digest.count).toBe(5);
    // The QR carries the same shift.
    expect(parseHandoverCode(station.code!)?.summary).toEqual(summary);

    station.chooseScope('site');
    await vi.waitFor(() => expect(station.summary).toMatchObject({ scope: 'site', tally: { entries: 6, byStation: { gate: 5, recorder: 1 } } }));
    expect(station.summary!.tally.byKind.sample).toBe(1);

    // A window that ends before it starts is not a shift: nothing to record.
    station.setWindow({ from: NOW, to: NOW - 1 });
    await vi.waitFor(() => expect(station.summary).toBeNull());
    expect(station.code).toBeNull();
    expect(await station.record({ outgoing: '王五', incoming: '赵六', acknowledged: [] })).toEqual({ kind: 'not-ready' });
    station.setWindow({ from: T0 + 150_000, to: NOW });
    await vi.waitFor(() => expect(station.summary?.tally.entries).toBe(3));
    station.setWindow(undefined);
    await vi.waitFor(() => expect(station.summary?.tally.entries).toBe(6));
    station.destroy();
  });

  it('with no other tablet known, records at once: listed with what its note says, the incoming person on duty, the next shift empty', async () => {
    const { ledger, station, pass, refused, staff } = await openHandover();
    await pass('a');
    await pass('b', { at: T0 + 60_000 });
    await refused('VISITOR-PASS-001', T0 + 120_000);
    await vi.waitFor(() => expect(station.summary?.tally.entries).toBe(3));
    expect(station.tablets.rows).toEqual([]);
    expect(station.tablets.blocking).toEqual([]);
    expect(station.recorded).toEqual([]);
    const shift = station.summary!;

    expect(await station.record({ outgoing: '王五', incoming: '  ', acknowledged: [] })).toEqual({ kind: 'names-missing' });
    vi.setSystemTime(Date.now() + 60_000);
    const outcome = await station.record({ outgoing: ' 王五 ', incoming: '赵六', acknowledged: [] });
    expect(outcome).toMatchObject({ kind: 'recorded', entry: { kind: 'handover', station: 'gate', staff: '王五', subject: '赵六' } });
    expect(staff()).toBe('赵六');
    const { entry } = outcome as Extract<RecordOutcome, { kind: 'recorded' }>;

    await vi.waitFor(() => expect(station.recorded).toHaveLength(1));
    const [recorded] = station.recorded;
    expect(recorded!.entry).toEqual(entry);
    expect(recorded!.summary).toEqual(shift);
    expect(recorded!.acknowledged).toEqual([]);
    // The next shift starts where this one ended.
    await vi.waitFor(() => expect(station.summary?.window.from).toBe(shift.window.to));
    expect(station.summary!.tally.entries).toBe(0);
    await pass('c', { at: Date.now() - 1 });
    await vi.waitFor(() => expect(station.summary?.tally.entries).toBe(1));
    // The whole site's shift still runs from the start of the day; a handover is not one of its entries.
    station.chooseScope('site');
    await vi.waitFor(() => expect(station.summary).toMatchObject({ scope: 'site', tally: { entries: 4 } }));
    expect(station.recorded).toHaveLength(1);
    expect(await ledger.reads.dayEntries('2026-11-22')).toHaveLength(5);
    station.destroy();
  });

  it('a tablet that worked the shift and cannot be checked holds the handover up until the staff acknowledge it', async () => {
    const { ledger, station, pass } = await openHandover();
    await pass('a');
    await applyPeerEntry(ledger, { kind: 'gate-in', direction: 'in', subject: 'b', verdict: 'accepted', at: T0 + 60_000 });
    // A tablet the site names that did no work in the shift is listed, not in the way.
    await peerChangesSite(ledger, { devices: [{ id: 'bbbbbbbb', name: '南门2号', station: 'gate' }] });
    await vi.waitFor(() => expect(station.tablets.rows).toHaveLength(2));
    expect(station.tablets.rows).toMatchObject([
      { device: 'zzzzzzzz', name: 'zzzzzzzz', agreement: 'unknown', via: 'none', worked: true, entries: 1, connected: false },
      { device: 'bbbbbbbb', name: '南门2号', agreement: 'unknown', via: 'none', worked: false, entries: 0 }
    ]);
    expect(station.tablets.blocking).toEqual(['zzzzzzzz']);

    const input = { outgoing: '王五', incoming: '赵六' };
    expect(await station.record({ ...input, acknowledged: [] })).toEqual({ kind: 'needs-acknowledgement', devices: ['zzzzzzzz'] });
    expect(await station.record({ ...input, acknowledged: ['bbbbbbbb'] })).toEqual({ kind: 'needs-acknowledgement', devices: ['zzzzzzzz'] });
    expect(await ledger.reads.dayEntries('2026-11-22')).toHaveLength(2); // nothing recorded

    vi.setSystemTime(Date.now() + 60_000);
    expect(await station.record({ ...input, acknowledged: ['zzzzzzzz'] })).toMatchObject({ kind: 'recorded' });
    await vi.waitFor(() => expect(station.recorded).toHaveLength(1));
    expect(station.recorded[0]!.acknowledged).toEqual([{ device: 'zzzzzzzz', agreement: 'unknown' }]);
    expect(station.recorded[0]!.summary.tally.entries).toBe(2);
    station.destroy();
  });
});
