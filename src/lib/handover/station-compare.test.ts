import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_DIGEST, addToDigest, formatDigest } from '$lib/core/digest';
import type { Advert } from '$lib/sync/advert';
import { deleteTestLedgers } from '$lib/ledger/fixtures';
import { lastLink } from '$lib/sync/link-fixtures';
import { makePeer } from '$lib/sync/sync-fixtures';
import { sync } from '$lib/sync/sync-state.svelte';
import { NOW, catchUp, openHandover } from './handover-fixtures';
import { MAX_HANDOVER_CODE } from './code';

// The app's own sync runs; only WebRTC is replaced by connections in memory.
vi.mock('$lib/sync/webrtc', () => import('$lib/sync/link-fixtures'));

const DAY = '2026-11-22';
const names = { outgoing: '赵六', incoming: '钱七' };

beforeEach(() => {
  // Only Date is faked (the shift runs until now; vi.waitFor moves it on as it polls).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(async () => {
  sync.stop();
  vi.useRealTimers();
  await deleteTestLedgers();
});

describe('HandoverStation, against other tablets', () => {
  it("compares by QR with a tablet apart: names the counts that differ, and that tablet holds the handover up until both hold the same entries", async () => {
    // Two tablets (of two test sites: a handover code names no site).
    const a = await openHandover('ha');
    const b = await openHandover('hb');
    const [idA, idB] = [a.ledger.deviceId, b.ledger.deviceId];
    // Apart: A refuses two visitors, B one.
    await a.refused('VISITOR-PASS-001');
    await a.refused('VISITOR-PASS-002');
    await b.refused('VISITOR-PASS-003');
    await vi.waitFor(() => expect([a.station.summary?.tally.entries, b.station.summary?.tally.entries]).toEqual([2, 1]));

    expect(b.station.scan('VISITOR-PASS-001')).toBe('not-a-handover-code');
    expect(b.station.scan(a.station.code!.padEnd(MAX_HANDOVER_CODE + 1, ' '))).toBe('too-long');
    expect(b.station.scan(b.station.code!)).toBe('own-code');
    expect(b.station.scanned).toBeNull();
    expect(b.station.scan(a.station.code!)).toBe('compared');
    await vi.waitFor(() => expect(b.station.scanned?.comparison?.kind).toBe('differs'));
    expect(b.station.scanned!.theirs.device).toBe(idA);
    expect(b.station.scanned!.comparison).toEqual({
      kind: 'differs',
      sameEntries: false,
      counts: expect.arrayContaining([
        { key: 'entries', mine: 1, theirs: 2 },
        { key: `device:${idA}`, mine: 0, theirs: 2 },
        { key: `device:${idB}`, mine: 1, theirs: 0 },
        { key: 'refused', mine: 1, theirs: 2 }
      ])
    });
    // A now stands as differing, known by its QR, and holds the handover up.
    expect(b.station.tablets.rows).toMatchObject([{ device: idA, agreement: 'differs', via: 'qr' }]);
    expect(b.station.tablets.blocking).toEqual([idA]);
    expect(await b.station.record({ ...names, acknowledged: [] })).toEqual({ kind: 'needs-acknowledgement', devices: [idA] });

    // Together again: both hold all three entries, and A's new code compares equal.
    await catchUp(a.ledger, b.ledger);
    await catchUp(b.ledger, a.ledger);
    await vi.waitFor(() => expect([a.station.summary?.tally.entries, b.station.summary?.tally.entries]).toEqual([3, 3]));
    // The comparison with A's old code follows what B holds now.
    await vi.waitFor(() => expect(b.station.scanned?.comparison).toMatchObject({ counts: expect.arrayContaining([{ key: 'entries', mine: 3, theirs: 2 }]) }));
    expect(b.station.scan(a.station.code!)).toBe('compared');
    await vi.waitFor(() => expect(b.station.scanned?.comparison).toEqual({ kind: 'equal' }));
    expect(b.station.tablets.rows).toMatchObject([{ device: idA, agreement: 'equal', via: 'qr', worked: true }]);
    expect(b.station.tablets.blocking).toEqual([]);
    expect(await b.station.record({ ...names, acknowledged: [] })).toMatchObject({ kind: 'recorded' });
    a.station.destroy();
    b.station.destroy();
  });

  it('a tablet reachable over sync agrees by its advert; once its digests differ it must be acknowledged, and the record names it', async () => {
    const { site, ledger, station, pass } = await openHandover();
    await pass('a');
    await pass('b');
    sync.start(ledger, { ...site, signaling: ['ws://signal.invalid'] }, () => ({ name: '北门1号', station: 'gate' }));
    await vi.waitFor(() => expect(station.summary?.tally.entries).toBe(2));
    let advert: Advert = { device: 'bbbbbbbb', name: '南门2号', station: 'gate', entries: 2, days: { ...station.summary!.days }, at: NOW };
    const other = makePeer('bbbbbbbb', { advert: () => advert });
    lastLink().join(other.node, 'bbbbbbbb');

    await vi.waitFor(() => expect(station.tablets.rows).toMatchObject([{ device: 'bbbbbbbb', name: '南门2号', agreement: 'equal', via: 'sync', connected: true, days: [] }]));
    expect(station.tablets.blocking).toEqual([]);

    // It says it holds another set of entries of the day than this tablet does.
    advert = { ...advert, entries: 1, days: { [DAY]: formatDigest(addToDigest(EMPTY_DIGEST, 'bbbbbbbb:1')) }, at: NOW + 1000 };
    other.node.advertise();
    await vi.waitFor(() => expect(station.tablets.rows).toMatchObject([{ device: 'bbbbbbbb', agreement: 'differs', via: 'sync', days: [DAY] }]));
    expect(station.tablets.blocking).toEqual(['bbbbbbbb']);
    expect(await station.record({ ...names, acknowledged: [] })).toEqual({ kind: 'needs-acknowledgement', devices: ['bbbbbbbb'] });

    vi.setSystemTime(Date.now() + 60_000);
    expect(await station.record({ ...names, acknowledged: ['bbbbbbbb'] })).toMatchObject({ kind: 'recorded' });
    await vi.waitFor(() => expect(station.recorded).toHaveLength(1));
    expect(station.recorded[0]!.acknowledged).toEqual([{ device: 'bbbbbbbb', agreement: 'differs' }]);
    station.destroy();
  });
});
