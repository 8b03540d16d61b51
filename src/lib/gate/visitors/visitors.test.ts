import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeEntry } from '$lib/core/builders';
import type { VisitorDetails } from '$lib/core/gate-records';
import type { Entry } from '$lib/core/types';
import { checkOutFields, checkVisitorForm, findVisits, makeVisitId, maskMobile, recentDays, registrationFields, tallyVisitors, visitsInside } from './visitors';

const T0 = Date.UTC(2026, 10, 22, 2, 0, 0);
const courier: VisitorDetails = { name: '李四', phone: '13812341234', kind: 'delivery', room: '3-2-501' };
const plumber: VisitorDetails = { name: '王师傅', phone: '13900005678', kind: 'repair', room: '1-1-101' };

let seq = 0;
const on = (device: string, fields: Partial<Entry>, at = T0) => makeEntry({ id: `${device}:${(++seq).toString(36)}`, device, at, ...fields });
const register = (device: string, visit: string, visitor = courier, at = T0) => on(device, registrationFields(visit, visitor, 'green'), at);
const checkOut = (device: string, visit: string, at = T0) => on(device, checkOutFields(visit), at);
const voidOf = (device: string, e: Entry, at = T0) => on(device, { kind: 'void', subject: e.subject, voids: e.id, reason: 'scanned-by-mistake', direction: undefined }, at);
const insideIds = (entries: Entry[]) => visitsInside(entries).map((v) => v.id);

describe('the visitor form', () => {
  it('accepts a filled form and cleans what was typed', () => {
    expect(checkVisitorForm({ kind: 'delivery', name: ' 李四 ', phone: '138 1234-1234', room: ' 3-2-501', health: 'green' })).toEqual({
      ok: true,
      visitor: courier,
      health: 'green'
    });
  });

  it('names every problem at once', () => {
    expect(checkVisitorForm({ name: '', phone: '12345', room: '' })).toEqual({ ok: false, problems: ['kind', 'name', 'phone', 'room', 'health'] });
    expect(checkVisitorForm({ kind: 'repair', name: '名'.repeat(33), phone: '23812341234', room: 'x'.repeat(33), health: 'red' })).toEqual({
      ok: false,
      problems: ['name-long', 'phone', 'room-long']
    });
  });

  it('refuses on a yellow or red code, with the reason, and keeps the details on the refusal', () => {
    expect(registrationFields('v1', courier, 'green')).toMatchObject({ verdict: 'accepted', direction: 'in', visitor: courier, health: 'green' });
    expect(registrationFields('v1', courier, 'yellow')).toMatchObject({ verdict: 'refused', reason: 'yellow-code', visitor: courier });
    expect(registrationFields('v1', courier, 'red')).toMatchObject({ verdict: 'refused', reason: 'red-code', health: 'red' });
    expect(checkOutFields('v1')).toEqual({ kind: 'visitor', subject: 'v1', verdict: 'accepted', direction: 'out' });
  });

  it('masks a mobile number as 138****1234 and makes visit ids from the bytes given', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskMobile('12345')).toBe('*2345');
    expect(makeVisitId(new Uint8Array([0, 1, 2, 0xab, 0xcd, 0xef, 9]))).toBe('v000102abcdef');
  });
});

describe('who is still inside', () => {
  it('looks back over today and the two days before, across a month or a year', () => {
    expect(recentDays('2026-03-01')).toEqual(['2026-03-01', '2026-02-28', '2026-02-27']);
    expect(recentDays('2027-01-01', 2)).toEqual(['2027-01-01', '2026-12-31']);
  });

  it('lists a registered visitor until checked out, newest first; a refused one never', () => {
    const a = register('tab0001', 'va', courier, T0);
    const b = register('tab0001', 'vb', plumber, T0 + 60_000);
    const refused = on('tab0001', registrationFields('vc', courier, 'red'));
    expect(insideIds([a, b, refused])).toEqual(['vb', 'va']);
    expect(insideIds([a, b, refused, checkOut('tab0002', 'va')])).toEqual(['vb']);
    expect(visitsInside([a])[0]).toMatchObject({ id: 'va', visitor: courier, since: T0 });
  });

  it('a void of the registration takes the visitor off; a void of the check-out puts them back', () => {
    const a = register('tab0001', 'va');
    const out = checkOut('tab0001', 'va');
    expect(insideIds([a, voidOf('tab0001', a)])).toEqual([]);
    expect(insideIds([a, out, voidOf('tab0001', out)])).toEqual(['va']);
  });

  it('is the same list in any merge order, with voids and check-outs from tablets whose clocks stepped back', () => {
    const visits = ['v1', 'v2', 'v3', 'v4', 'v5'];
    const scenario = fc.record({
      clocks: fc.array(fc.integer({ min: -6 * 3_600_000, max: 6 * 3_600_000 }), { minLength: 3, maxLength: 3 }),
      outs: fc.array(fc.tuple(fc.constantFrom(...visits), fc.nat(2)), { maxLength: 8 }),
      voids: fc.array(fc.nat(40), { maxLength: 4 }),
      seed: fc.nat()
    });
    fc.assert(
      fc.property(scenario, ({ clocks, outs, voids, seed }) => {
        const devices = ['tab0001', 'tab0002', 'tab0003'];
        const list: Entry[] = visits.map((v, i) => register(devices[i % 3]!, v, courier, T0 + clocks[i % 3]!));
        for (const [v, d] of outs) list.push(checkOut(devices[d]!, v, T0 - clocks[d]!));
        for (const n of voids) list.push(voidOf('tab0003', list[n % list.length]!, T0));
        // The expected list, said plainly: registered, not voided, no check-out left standing.
        const voided = new Set(list.filter((e) => e.kind === 'void').map((e) => e.voids));
        const gone = new Set(list.filter((e) => e.direction === 'out' && !voided.has(e.id)).map((e) => e.subject));
        const expected = visits.filter((v) => !gone.has(v) && !voided.has(list.find((e) => e.subject === v && e.direction === 'in')!.id));
        const shuffled = fc.sample(fc.shuffledSubarray(list, { minLength: list.length }), { seed, numRuns: 1 })[0]!;
        expect(insideIds(shuffled).sort()).toEqual(expected.sort());
        expect(insideIds(shuffled)).toEqual(insideIds(list));
      })
    );
  });

  it('finds a visitor inside by name, the last digits of the phone, or the room', () => {
    const list = visitsInside([register('tab0001', 'va', courier), register('tab0001', 'vb', plumber)]);
    expect(findVisits(list, '李').map((v) => v.id)).toEqual(['va']);
    expect(findVisits(list, '5678').map((v) => v.id)).toEqual(['vb']);
    expect(findVisits(list, '3-2').map((v) => v.id)).toEqual(['va']);
    expect(findVisits(list, ' ')).toHaveLength(2);
  });
});

describe('the visitor tally', () => {
  it('counts registrations by kind, refusals and departures once, without voided entries', () => {
    const a = register('tab0001', 'va', courier);
    const b = register('tab0001', 'vb', plumber);
    const c = register('tab0001', 'vc', courier);
    const entries = [
      a,
      b,
      c,
      voidOf('tab0001', c),
      on('tab0001', registrationFields('vd', courier, 'yellow')),
      checkOut('tab0001', 'va'),
      checkOut('tab0002', 'va')
    ];
    expect(tallyVisitors(entries)).toEqual({ registered: 2, refused: 1, left: 1, byKind: { delivery: 1, repair: 1, medical: 0, supply: 0, visit: 0 } });
  });
});
