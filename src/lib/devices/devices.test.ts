import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StationKind } from '$lib/core/types';
import type { Advert } from '$lib/sync/advert';
import { makeEntryDraft } from '$lib/core/builders';
import type { Ledger } from '$lib/ledger/ledger';
import { T0, deleteTestLedgers, openTestLedger } from '$lib/ledger/fixtures';
import { peerChangesSite } from '$lib/site/site-fixtures';
import { connect, makePeer } from '$lib/sync/sync-fixtures';
import { lastLink } from '$lib/sync/link-fixtures';
import { sync } from '$lib/sync/sync-state.svelte';
import { DevicesView, type DeviceRow } from './devices.svelte';

// The app's own sync runs; only WebRTC is replaced by connections in memory.
vi.mock('$lib/sync/webrtc', () => import('$lib/sync/link-fixtures'));

const DAY = '2026-11-22';
const self = { deviceName: '北门1号', station: 'gate' as const, staff: '王五' };

beforeEach(() => {
  // Only Date is faked, for "last seen" and the removal's time (vi.waitFor moves it on as it
  // polls); timers run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(async () => {
  sync.stop();
  vi.useRealTimers();
  await deleteTestLedgers();
});

/** This tablet on a site with `entries` gate passes, syncing, and its devices panel. */
async function open(entries = 0) {
  const { site, ledger } = await openTestLedger('dv', () => Date.now());
  await ledger.registerDevice(self.deviceName, self.station);
  for (let i = 0; i < entries; i++) await ledger.record(makeEntryDraft({ subject: `p${i}` }));
  sync.start(ledger, { ...site, signaling: ['ws://signal.invalid'] }, () => ({ name: self.deviceName, station: self.station }));
  const view = new DevicesView(ledger, self);
  const stop = view.follow();
  const row = (device: string) => view.rows.find((r) => r.device === device);
  return { ledger, view, stop, row };
}

/** Another tablet names itself in the site doc, as its update would arrive. */
const peerNames = (ledger: Ledger, id: string, name: string, station: StationKind) => peerChangesSite(ledger, { devices: [{ id, name, station }] });

/** A tablet that syncs over the room and says of itself what `advert` holds. */
function tabletInRoom(device: string, name: string) {
  let advert: Advert = { device, name, station: 'guide', entries: 0, days: {}, at: T0 };
  const peer = makePeer(device, { advert: () => advert });
  return {
    peer,
    join: () => lastLink().join(peer.node, device),
    /** Says anew what it holds (its clock moves on, so the news travels). */
    advertise(fields: Partial<Advert>) {
      advert = { ...advert, ...fields, at: advert.at + 1000 };
      peer.node.advertise();
    }
  };
}

describe('DevicesView', () => {
  it('lists this tablet first, then the tablets the site doc names though never heard, and those named later', async () => {
    const { ledger, view, row, stop } = await open(2);
    await peerNames(ledger, 'bbbbbbbb', '南门2号', 'guide');
    await vi.waitFor(() => expect(view.rows.map((r) => r.device)).toEqual([ledger.deviceId, 'bbbbbbbb']));
    // Its own count is what it advertises.
    await vi.waitFor(() => expect(row(ledger.deviceId)).toMatchObject({ name: '北门1号', station: 'gate', self: true, connected: true, entries: 2 }));
    expect(row('bbbbbbbb')).toEqual<DeviceRow>({
      device: 'bbbbbbbb',
      name: '南门2号',
      station: 'guide',
      self: false,
      connected: false,
      relayed: false,
      lastSeen: null,
      entries: null,
      comparison: null,
      removed: null
    });
    await peerNames(ledger, 'cccccccc', '南门3号', 'recorder');
    expect(row('cccccccc')).toMatchObject({ name: '南门3号', station: 'recorder', connected: false });
    stop();
  });

  it('a tablet heard over sync: connected, its count, in sync or behind by how many, and last seen when it leaves', async () => {
    const { ledger, view, row, stop } = await open(2);
    await peerNames(ledger, 'bbbbbbbb', '旧名字', 'gate');
    await vi.waitFor(() => expect(sync.ownAdvert?.entries).toBe(2));
    const other = tabletInRoom('bbbbbbbb', '南门2号');
    other.advertise({ entries: 2, days: { ...sync.ownAdvert!.days } });
    const leave = other.join();
    // Its advert names it: listed once, by the name it gives itself now.
    await vi.waitFor(() => expect(row('bbbbbbbb')).toMatchObject({ name: '南门2号', station: 'guide', connected: true, relayed: false, entries: 2 }));
    expect(view.rows.filter((r) => r.device === 'bbbbbbbb')).toHaveLength(1);
    expect(row('bbbbbbbb')?.comparison).toMatchObject({ same: true });
    // A tablet only the other one reaches is heard through it.
    const far = tabletInRoom('ffffffff', '西门1号');
    far.advertise({});
    connect(far.peer, other.peer);
    await vi.waitFor(() => expect(row('ffffffff')).toMatchObject({ name: '西门1号', connected: false, relayed: true }));

    // This tablet records two more that the other has not yet told it it holds.
    await ledger.record(makeEntryDraft({ subject: 'p8' }));
    await ledger.record(makeEntryDraft({ subject: 'p9' }));
    await vi.waitFor(() => expect(row('bbbbbbbb')?.comparison).toEqual({ same: false, differing: [DAY], theyLack: 2, weLack: 0 }));
    expect(row(ledger.deviceId)?.entries).toBe(4);
    // It caught up and says so.
    other.advertise({ entries: 4, days: { ...sync.ownAdvert!.days } });
    await vi.waitFor(() => expect(row('bbbbbbbb')).toMatchObject({ entries: 4, comparison: { same: true } }));

    vi.setSystemTime(Date.now() + 5 * 60_000);
    const left = Date.now();
    leave();
    await vi.waitFor(() => expect(row('bbbbbbbb')).toMatchObject({ connected: false, lastSeen: left, entries: 4 }));
    stop();
  });

  it('removes a lost tablet in the name of the staff on duty: its later entries are refused and reported, its earlier ones stay', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { ledger, view, row, stop } = await open();
    const lost = tabletInRoom('cccccccc', '丢失的平板');
    lost.join();
    lost.peer.write(2, `day:${DAY}`);
    await vi.waitFor(async () => expect(await ledger.reads.deviceEntryIds('cccccccc')).toHaveLength(2));
    expect(row('cccccccc')).toMatchObject({ name: '丢失的平板', removed: null });

    vi.setSystemTime(T0 + 60_000);
    await view.remove('cccccccc');
    expect(row('cccccccc')?.removed).toEqual({ at: T0 + 60_000, upTo: 2, by: '王五' });
    await expect(view.remove(ledger.deviceId)).rejects.toThrow(RangeError);

    lost.peer.write(1, `day:${DAY}`);
    await vi.waitFor(() => expect(view.problems[0]).toMatchObject({ reason: 'revoked-device', peer: 'cccccccc' }));
    expect(await ledger.reads.deviceEntryIds('cccccccc')).toHaveLength(2);
    expect(warn).toHaveBeenCalled();
    stop();
  });

  it('a removal made on another tablet arrives with the site doc; with nobody signed in, the tablet is named as remover', async () => {
    const { ledger, view, row, stop } = await open();
    await peerNames(ledger, 'dddddddd', '南门4号', 'gate');
    await peerNames(ledger, 'eeeeeeee', '南门5号', 'gate');
    await peerChangesSite(ledger, { removed: ['dddddddd'] });
    await vi.waitFor(() => expect(row('dddddddd')?.removed).toMatchObject({ by: '赵主管' }));

    const unsigned = new DevicesView(ledger, { ...self, staff: '' });
    const stopUnsigned = unsigned.follow();
    await unsigned.remove('eeeeeeee');
    expect(unsigned.rows.find((r) => r.device === 'eeeeeeee')?.removed).toMatchObject({ by: '北门1号', upTo: 0 });
    // The first panel hears it too, through the site doc.
    expect(row('eeeeeeee')?.removed).toMatchObject({ by: '北门1号' });
    expect(view.rows.map((r) => r.device)).toEqual([ledger.deviceId, 'dddddddd', 'eeeeeeee']);
    stopUnsigned();
    stop();
  });
});
