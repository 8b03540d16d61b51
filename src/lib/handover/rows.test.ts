import { describe, expect, it } from 'vitest';
import { tabletRows } from './rows';
import { blockingTablets } from '$lib/handover/compare';
import { summarizeShift } from '$lib/handover/rules';
import { dayDigests } from '$lib/handover/compare';
import { makeEntry } from '$lib/core/builders';
import { formatEntryId } from '$lib/core/entry-id';
import type { TabletView } from '$lib/sync/advert';

const T0 = Date.UTC(2026, 10, 22, 0, 0, 0);
const DAY = '2026-11-22';
const [ME, NEAR, FAR, GONE, IDLE] = ['meeeeeee', 'nearrrrr', 'farrrrrr', 'goneeeee', 'idleeeee'];
const entries = [ME, NEAR, FAR, GONE].map((device) => makeEntry({ id: formatEntryId(device, 1), device, at: T0 + 60_000 }));
const rows = entries.map((e) => ({ ...e, day: DAY }));
const days = dayDigests(rows, [DAY]);
const summary = summarizeShift({ device: ME, scope: 'gate', window: { from: T0, to: T0 + 3_600_000 }, context: entries, rounds: [], days });

function view(device: string, advertDays: Record<string, string>, how: Partial<TabletView> = {}): TabletView {
  return { advert: { device, name: `${device} 号`, station: 'gate', entries: 1, days: advertDays, at: T0 }, connected: false, relayed: false, lastSeen: T0, ...how };
}

describe('tabletRows', () => {
  it('says for every other tablet whether it holds this tablet’s shift, and who holds the handover up', () => {
    const views = [
      view(NEAR, days, { connected: true }),
      view(FAR, dayDigests(rows.slice(0, 2), [DAY]), { relayed: true }), // behind: lacks two entries
      view(GONE, days) // heard once, not connected now
    ];
    const names = new Map([
      [IDLE, { name: '备用平板' }],
      [ME, { name: '本机' }]
    ]);
    const list = tabletRows({ self: ME, summary, views, names, qr: {} });
    expect(list.map((r) => [r.device, r.agreement, r.via, r.worked])).toEqual([
      [FAR, 'differs', 'sync', true],
      [GONE, 'unknown', 'none', true],
      [NEAR, 'equal', 'sync', true],
      [IDLE, 'unknown', 'none', false]
    ]);
    expect(list.find((r) => r.device === FAR)!.days).toEqual([DAY]);
    expect(list.find((r) => r.device === IDLE)!.name).toBe('备用平板');
    expect(blockingTablets(list)).toEqual([FAR, GONE]);

    // A QR scanned from the tablet that is not connected settles it; sync still speaks for the others.
    const settled = tabletRows({ self: ME, summary, views, names, qr: { [GONE]: { kind: 'equal' }, [NEAR]: { kind: 'differs', sameEntries: false, counts: [] } } });
    expect(settled.find((r) => r.device === GONE)).toMatchObject({ agreement: 'equal', via: 'qr' });
    expect(settled.find((r) => r.device === NEAR)).toMatchObject({ agreement: 'equal', via: 'sync' });
    expect(blockingTablets(settled)).toEqual([FAR]);
  });
});
