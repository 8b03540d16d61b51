/**
 * Household outings: what counts as one, the quota's window, and the overdue list, over
 * entries in any merge order, delivered twice, from tablets whose clocks step back.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeEntry, makePerson } from '$lib/core/builders';
import { compareIds } from '$lib/core/entries';
import type { Entry } from '$lib/core/types';
import { DAY, DEVICES, HOUR, PEOPLE, T0, arrivals, policyWith, quotaArb, replay, scanArb } from './checkpoint-fixtures';
import { householdMembers, householdOf, outingStarts, overdueOutings, quotaState } from './outings';

const pass = (id: string, kind: 'gate-in' | 'gate-out', at: number, more: Partial<Entry> = {}) =>
  makeEntry({ id, device: id.split(':')[0]!, subject: 'p0', kind, direction: kind === 'gate-in' ? 'in' : 'out', at, ...more });

describe('households', () => {
  it('are the roster’s building, unit and room', () => {
    const a = makePerson({ id: 'a', building: '1栋', unit: '2单元', room: '301' });
    const b = makePerson({ id: 'b', building: '1栋', unit: '2单元', room: '301' });
    const c = makePerson({ id: 'c', building: '1栋', unit: '2单元', room: '302' });
    expect(householdOf(a)).toBe(householdOf(b));
    expect(householdOf(a)).not.toBe(householdOf(c));
    expect(householdMembers([a, b, c], a)).toEqual(new Set(['a', 'b']));
  });
});

describe('outingStarts', () => {
  it('starts an outing at an ordinary exit, once until the person is back in', () => {
    const entries = [
      pass('aaaaaaaa:1', 'gate-out', T0), // starts one
      pass('bbbbbbbb:1', 'gate-out', T0 + HOUR), // a second tablet while apart: the same outing
      pass('aaaaaaaa:2', 'gate-in', T0 + 2 * HOUR),
      pass('aaaaaaaa:3', 'gate-out', T0 + 3 * HOUR, { exemption: 'medical' }), // not an outing
      pass('aaaaaaaa:4', 'gate-in', T0 + 4 * HOUR),
      pass('aaaaaaaa:5', 'gate-out', T0 + 5 * HOUR, { reason: 'supervisor-override', note: '120' }), // nor this
      pass('aaaaaaaa:6', 'gate-in', T0 + 6 * HOUR),
      pass('aaaaaaaa:7', 'gate-out', T0 + 7 * HOUR, { verdict: 'refused', reason: 'quota-full' }),
      pass('aaaaaaaa:8', 'gate-out', T0 + 8 * HOUR), // voided below
      makeEntry({ id: 'aaaaaaaa:9', kind: 'void', voids: 'aaaaaaaa:8' }),
      pass('aaaaaaaa:a', 'gate-out', T0 + 9 * HOUR) // starts another
    ];
    expect(outingStarts(entries).map((e) => e.id)).toEqual(['aaaaaaaa:1', 'aaaaaaaa:a']);
  });

  it('follows a tablet’s own order when its clock stepped back', () => {
    // Out at 10:00, the clock steps back two hours, in at "09:00", out again at "09:30".
    const entries = [pass('aaaaaaaa:1', 'gate-out', T0), pass('aaaaaaaa:2', 'gate-in', T0 - HOUR), pass('aaaaaaaa:3', 'gate-out', T0 - HOUR / 2)];
    expect(outingStarts(entries).map((e) => e.id)).toEqual(['aaaaaaaa:1', 'aaaaaaaa:3']);
  });
});

describe('quotaState', () => {
  const members = new Set(['p0']);
  const quota = { outings: 2, days: 1, hours: 4 };

  it('counts the outings of the last D days; one exactly D days old no longer counts', () => {
    const entries = [pass('aaaaaaaa:1', 'gate-out', T0), pass('aaaaaaaa:2', 'gate-in', T0 + HOUR), pass('aaaaaaaa:3', 'gate-out', T0 + 2 * HOUR)];
    expect(quotaState(entries, members, quota, T0 + 3 * HOUR)).toEqual({ used: 2, full: true, nextAt: T0 + DAY });
    expect(quotaState(entries, members, quota, T0 + DAY)).toEqual({ used: 1, full: false });
    expect(quotaState(entries, new Set(['p1']), quota, T0 + 3 * HOUR)).toEqual({ used: 0, full: false });
  });

  it('says as next allowed the first moment the household is under its quota again', () => {
    fc.assert(
      fc.property(fc.array(scanArb(3), { maxLength: 25 }), quotaArb, fc.integer({ min: 0, max: 3 * DAY }), (scans, q, later) => {
        const { entries } = replay(scans, policyWith(null), { connected: true });
        const mine = new Set(['p0', 'p1']);
        const now = T0 + later;
        const state = quotaState(entries, mine, q, now);
        expect(state.full).toBe(state.used >= q.outings);
        if (!state.full) return;
        expect(state.nextAt!).toBeGreaterThan(now);
        expect(quotaState(entries, mine, q, state.nextAt! - 1).full).toBe(true);
        expect(quotaState(entries, mine, q, state.nextAt!).full).toBe(false);
      })
    );
  });

  it('counts each outing once, whatever order the entries arrive in and however often', () => {
    fc.assert(
      fc.property(
        fc.array(scanArb(3), { maxLength: 25 }).chain((scans) => {
          const { entries } = replay(scans, policyWith(null), { connected: false });
          return fc.tuple(fc.constant(entries), arrivals(entries), fc.integer({ min: 0, max: 3 * DAY }));
        }),
        quotaArb,
        ([entries, heard, later], q) => {
          for (const id of ['p0', 'p2']) {
            const members = householdMembers(PEOPLE, PEOPLE.find((p) => p.id === id)!);
            expect(quotaState(heard, members, q, T0 + later)).toEqual(quotaState(entries, members, q, T0 + later));
          }
        }
      )
    );
  });
});

/** The open outing of each person, replaying one tablet's entries in the order it recorded them. */
function openOutings(entries: readonly Entry[]): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const outside = new Set<string>();
  for (const e of [...entries].sort((a, b) => compareIds(a.id, b.id))) {
    if (e.verdict !== 'accepted') continue;
    if (e.kind === 'gate-in') {
      outside.delete(e.subject);
      out.delete(e.subject);
    } else if (e.kind === 'gate-out') {
      if (!outside.has(e.subject) && !e.exemption && e.reason !== 'supervisor-override') out.set(e.subject, e);
      outside.add(e.subject);
    }
  }
  return out;
}

describe('overdueOutings', () => {
  const quota = { outings: 1, days: 2, hours: 4 };

  it('lists who is out longer than allowed, with the gate and time they left', () => {
    const entries = [
      pass('aaaaaaaa:1', 'gate-out', T0, { station: 'gate' }),
      pass('bbbbbbbb:1', 'gate-out', T0 + HOUR, { subject: 'p1' }),
      pass('bbbbbbbb:2', 'gate-in', T0 + 2 * HOUR, { subject: 'p1' }),
      pass('bbbbbbbb:3', 'gate-out', T0, { subject: 'p2', exemption: 'medical' })
    ];
    const list = overdueOutings(entries, quota, T0 + 5 * HOUR);
    expect(list).toEqual([{ person: 'p0', left: entries[0], overdueBy: HOUR }]);
    expect(list[0]!.left).toMatchObject({ device: 'aaaaaaaa', station: 'gate', at: T0 });
    expect(overdueOutings(entries, quota, T0 + 4 * HOUR)).toEqual([]);
  });

  it('is who one tablet saw leave and not come back, as it recorded it, whatever its clock did', () => {
    fc.assert(
      fc.property(fc.array(scanArb(1), { maxLength: 30 }), quotaArb, fc.integer({ min: 0, max: 2 * DAY }), (scans, q, later) => {
        const { entries } = replay(scans, policyWith(null), { connected: true });
        const now = T0 + later;
        const expected = [...openOutings(entries)].filter(([, left]) => now - left.at > q.hours * HOUR).map(([person]) => person);
        expect(overdueOutings(entries, q, now).map((o) => o.person).sort()).toEqual(expected.sort());
      })
    );
  });

  it('is the same list whatever order the entries of several tablets arrive in', () => {
    fc.assert(
      fc.property(
        fc.array(scanArb(DEVICES.length), { maxLength: 25 }).chain((scans) => {
          const { entries } = replay(scans, policyWith(null), { connected: false });
          return fc.tuple(fc.constant(entries), arrivals(entries));
        }),
        quotaArb,
        ([entries, heard], q) => {
          const now = T0 + 2 * DAY;
          expect(overdueOutings(heard, q, now)).toEqual(overdueOutings(entries, q, now));
        }
      )
    );
  });
});
