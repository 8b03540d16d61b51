import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeEntry } from '$lib/core/builders';
import { decodeEntry, encodeEntry } from '$lib/core/entry-codec';
import type { VehicleDetails } from '$lib/core/gate-records';
import type { Entry } from '$lib/core/types';
import { checkVehicleForm, makePassageId, passageFields, tallyVehicles, vehicleLog, type VehicleForm } from './vehicles';

const T0 = Date.UTC(2026, 10, 22, 2, 0, 0);
const form: VehicleForm = { plate: '粤b d12345', kind: 'supply-truck', aboard: 2, purpose: 'supply', health: 'green', itinerary: 'green', direction: 'in' };
const truck: VehicleDetails = { plate: '粤BD12345', kind: 'supply-truck', aboard: 2, purpose: 'supply', itinerary: 'green' };

let seq = 0;
const passage = (vehicle: VehicleDetails, direction: 'in' | 'out' = 'in', health: 'green' | 'red' = 'green', at = T0): Entry =>
  makeEntry({ id: `tab0001:${(++seq).toString(36)}`, device: 'tab0001', at, ...passageFields(`c${seq}`, vehicle, health, direction) });

describe('the vehicle form', () => {
  it('accepts a filled form with the plate as it is stored', () => {
    expect(checkVehicleForm(form)).toEqual({ ok: true, vehicle: truck, health: 'green', direction: 'in' });
  });

  it('names every problem, the plate’s in words of its own', () => {
    expect(checkVehicleForm({ plate: '京A123', aboard: 0, direction: 'out' })).toEqual({
      ok: false,
      problems: [{ kind: 'plate', problem: { kind: 'short', length: 5 } }, { kind: 'vehicle-kind' }, { kind: 'aboard' }, { kind: 'purpose' }, { kind: 'health' }, { kind: 'itinerary' }]
    });
    expect(checkVehicleForm({ ...form, aboard: 100 })).toMatchObject({ ok: false, problems: [{ kind: 'aboard' }] });
  });

  it('refuses a driver whose health or itinerary code is not green, and records what was seen', () => {
    expect(passageFields('c1', truck, 'green', 'in')).toMatchObject({ verdict: 'accepted', vehicle: truck, health: 'green', direction: 'in' });
    expect(passageFields('c1', truck, 'yellow', 'in')).toMatchObject({ verdict: 'refused', reason: 'yellow-code' });
    expect(passageFields('c1', truck, 'red', 'out')).toMatchObject({ verdict: 'refused', reason: 'red-code', direction: 'out' });
    expect(passageFields('c1', { ...truck, itinerary: 'yellow' }, 'green', 'in')).toMatchObject({ verdict: 'refused', reason: 'itinerary-code' });
    expect(makePassageId(new Uint8Array([1, 2, 3, 4, 5, 6]))).toBe('c010203040506');
  });

  it('stores every passage it makes as it was made', () => {
    const e = passage(truck, 'out');
    expect(decodeEntry(e.id, encodeEntry(e))).toEqual(e);
  });
});

describe('the vehicle log and tally', () => {
  it('lists the latest passages first, voided ones marked', () => {
    const a = passage(truck, 'in', 'green', T0);
    const b = passage({ ...truck, plate: '京A12345', kind: 'car' }, 'out', 'green', T0 + 1000);
    const v = makeEntry({ id: 'tab0001:zz', kind: 'void', voids: a.id, subject: a.subject });
    const log = vehicleLog([a, v, b, makeEntry({ id: 'tab0001:zy' })], 10);
    expect(log.entries.map((e) => e.id)).toEqual([b.id, a.id]);
    expect(log.voided.has(a.id)).toBe(true);
    expect(vehicleLog([a, b], 1).entries).toEqual([b]);
  });

  it('counts in and out by kind, people aboard, and refusals, without voided passages', () => {
    const car = { ...truck, plate: '京A12345', kind: 'car' as const, aboard: 3 };
    const wrong = passage(car, 'in');
    const entries = [
      passage(truck, 'in'),
      passage(truck, 'out'),
      passage(car, 'in'),
      passage(car, 'in', 'red'),
      wrong,
      makeEntry({ id: 'tab0001:zz', kind: 'void', voids: wrong.id })
    ];
    const t = tallyVehicles(entries);
    expect(t).toMatchObject({ totalIn: 2, totalOut: 1, aboardIn: 5, aboardOut: 2, refused: 1 });
    expect(t.in).toMatchObject({ 'supply-truck': 1, car: 1, truck: 0 });
    expect(t.out).toMatchObject({ 'supply-truck': 1, car: 0 });
  });

  it('counts every passage once, in whatever order the entries arrive', () => {
    const kinds = ['car', 'truck', 'ambulance'] as const;
    const list = fc.array(fc.tuple(fc.constantFrom(...kinds), fc.boolean(), fc.boolean()), { maxLength: 30 });
    fc.assert(
      fc.property(list, fc.nat(), (rows, seed) => {
        const entries = rows.map(([kind, out, red]) => passage({ ...truck, kind }, out ? 'out' : 'in', red ? 'red' : 'green'));
        const shuffled = fc.sample(fc.shuffledSubarray(entries, { minLength: entries.length }), { seed, numRuns: 1 })[0]!;
        const t = tallyVehicles(shuffled);
        expect(t).toEqual(tallyVehicles(entries));
        expect(t.totalIn + t.totalOut + t.refused).toBe(entries.length);
      })
    );
  });
});
