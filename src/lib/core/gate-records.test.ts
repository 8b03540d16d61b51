import { describe, expect, it } from 'vitest';
import { decodeEntry, encodeEntry } from './entry-codec';
import { makeEntry } from './builders';
import { assignKeys } from './fuzz-fixtures';
import { CODE_COLOURS, VEHICLE_KINDS, VEHICLE_PURPOSES, VISITOR_KINDS, type VehicleDetails, type VisitorDetails } from './gate-records';

const visitor: VisitorDetails = { name: '李四', phone: '13812341234', kind: 'repair', room: '3-2-501' };
const vehicle: VehicleDetails = { plate: '粤BD12345', kind: 'supply-truck', aboard: 2, purpose: 'supply', itinerary: 'green' };
const ID = 'dev0000001:1';

describe('the stored details of visitors, vehicles and readings', () => {
  it('reads back a visitor, a vehicle, a health colour and a reading', () => {
    for (const e of [
      makeEntry({ kind: 'visitor', subject: 'v12345678', visitor, health: 'green' }),
      makeEntry({ kind: 'visitor', subject: 'v12345678', visitor, health: 'red', verdict: 'refused', reason: 'red-code' }),
      makeEntry({ kind: 'vehicle', subject: 'c12345678', direction: 'out', vehicle, health: 'yellow' }),
      makeEntry({ kind: 'temperature', celsiusTenths: 373, reason: 'second-reading', direction: undefined })
    ]) {
      if (e.direction === undefined) delete e.direction;
      expect(decodeEntry(ID, encodeEntry(e))).toEqual(e);
    }
  });

  it('writes each field only when present, in one-letter keys', () => {
    const stored = encodeEntry(makeEntry({ kind: 'vehicle', vehicle, health: 'green', celsiusTenths: 365 }));
    expect(stored.a).toEqual({ l: '粤BD12345', k: VEHICLE_KINDS.indexOf('supply-truck'), a: 2, y: VEHICLE_PURPOSES.indexOf('supply'), j: 0 });
    expect(stored.h).toBe(0);
    expect(stored.c).toBe(365);
    expect(Object.keys(encodeEntry(makeEntry({ kind: 'visitor', visitor }))).sort()).toEqual(['d', 'g', 'k', 'p', 's', 't', 'u']);
  });

  it('refuses a visitor record past its caps, of another shape, or with an index that is not one', () => {
    const good = encodeEntry(makeEntry({ kind: 'visitor', visitor }));
    const bad: unknown[] = [
      { ...good.g, n: '名'.repeat(33) },
      { ...good.g, p: '1'.repeat(21) },
      { ...good.g, r: 'x'.repeat(33) },
      { ...good.g, k: VISITOR_KINDS.length },
      { ...good.g, k: 1.5 },
      { ...good.g, k: -1 },
      { ...good.g, k: '0' },
      { ...good.g, extra: 1 },
      { n: 'a', p: '1', k: 0 },
      [good.g],
      'visitor',
      null,
      assignKeys([['__proto__', good.g]])
    ];
    for (const g of bad) expect(decodeEntry(ID, { ...good, g })).toBeNull();
  });

  it('refuses a vehicle record with a long plate, a count out of range, or unknown indexes', () => {
    const good = encodeEntry(makeEntry({ kind: 'vehicle', vehicle }));
    const bad: unknown[] = [
      { ...good.a, l: '粤BD123456' },
      { ...good.a, a: 100 },
      { ...good.a, a: -1 },
      { ...good.a, a: 2.5 },
      { ...good.a, k: VEHICLE_KINDS.length },
      { ...good.a, y: VEHICLE_PURPOSES.length },
      { ...good.a, j: CODE_COLOURS.length },
      { ...good.a, j: null }
    ];
    for (const a of bad) expect(decodeEntry(ID, { ...good, a })).toBeNull();
  });

  it('refuses a health colour or a reading no tablet records', () => {
    const good = encodeEntry(makeEntry({ kind: 'temperature' }));
    for (const h of [3, -1, 'green', 0.5, null]) expect(decodeEntry(ID, { ...good, h })).toBeNull();
    for (const c of [349, 421, 365.5, '365', null, Infinity]) expect(decodeEntry(ID, { ...good, c })).toBeNull();
    expect(decodeEntry(ID, { ...good, c: 350 })?.celsiusTenths).toBe(350);
    expect(decodeEntry(ID, { ...good, c: 420 })?.celsiusTenths).toBe(420);
  });
});
