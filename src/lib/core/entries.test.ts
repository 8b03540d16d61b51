import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeEntry } from './builders';
import { formatEntryId } from './entry-id';
import {
  LatestEntry,
  NotInOrderError,
  byTimeThenId,
  compareIds,
  effectiveTimes,
  inRecordOrder,
  lastOf,
  latestOf,
  recordOrder,
  voidedIds
} from './entries';
import type { Entry } from './types';

const DEVICES = ['aaaaaaaa', 'bbbbbbbb', 'cccccccc'];

const entryOf = (device: string, seq: number, at: number): Entry => makeEntry({ id: formatEntryId(device, seq), device, at });

/** What each tablet recorded, in its own order, with whatever its clock read (any steps). */
const recorded = (at: fc.Arbitrary<number> = fc.integer({ min: 0, max: 1000 })) =>
  fc.tuple(...DEVICES.map(() => fc.array(at, { maxLength: 12 }))).map((clocks) => clocks.flatMap((ats, d) => ats.map((t, i) => entryOf(DEVICES[d]!, i + 1, t))));

/** A set and the same set in another order (as another tablet may have received it). */
const twoArrivals = recorded().chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));

const seqOf = (e: Entry) => parseInt(e.id.split(':')[1]!, 36);

describe('compareIds', () => {
  it('orders one tablet’s ids by sequence, not as strings', () => {
    expect(compareIds('dev001:z', 'dev001:10')).toBeLessThan(0);
    expect(compareIds('dev001:9', 'dev001:a')).toBeLessThan(0);
    expect(compareIds('dev002:1', 'dev001:zz')).toBeGreaterThan(0);
  });
});

describe('voidedIds', () => {
  it('names what void entries cancel, and nothing that is not a void', () => {
    const entries = [
      makeEntry({ id: 'aaaaaaaa:1' }),
      makeEntry({ id: 'aaaaaaaa:2', kind: 'void', voids: 'aaaaaaaa:1' }),
      makeEntry({ id: 'aaaaaaaa:3', kind: 'gate-in', voids: 'aaaaaaaa:2' })
    ];
    expect(voidedIds(entries)).toEqual(new Set(['aaaaaaaa:1']));
  });
});

describe('lastOf', () => {
  it('is what the tablet recorded last, even when its clock had stepped back', () => {
    const a1 = entryOf('aaaaaaaa', 1, 500);
    const a2 = entryOf('aaaaaaaa', 2, 100);
    expect(lastOf([a2, entryOf('bbbbbbbb', 1, 900), a1], 'aaaaaaaa')).toBe(a2);
    expect(lastOf([a1], 'bbbbbbbb')).toBeUndefined();
  });
});

describe('the record order', () => {
  it('is one total order across three tablets where comparing pairs goes round in a circle', () => {
    // A1 at 100, A2 at 50 recorded after it, B1 at 75: pairwise, A2 > A1, B1 > A2, A1 > B1.
    const a1 = entryOf('aaaaaaaa', 1, 100);
    const a2 = entryOf('aaaaaaaa', 2, 50);
    const b1 = entryOf('bbbbbbbb', 1, 75);
    fc.assert(
      fc.property(fc.shuffledSubarray([a1, a2, b1], { minLength: 3 }), (arrived) => {
        expect(inRecordOrder(arrived)).toEqual([b1, a1, a2]);
        expect(latestOf(arrived)).toBe(a2);
      })
    );
    expect(effectiveTimes([a1, a2, b1])).toEqual(new Map([['aaaaaaaa:1', 100], ['aaaaaaaa:2', 100], ['bbbbbbbb:1', 75]]));
  });

  it('is the same whatever order the set arrived in, and its latest is the last of it', () => {
    fc.assert(
      fc.property(twoArrivals, ([list, arrived]) => {
        const sorted = inRecordOrder(list);
        expect(inRecordOrder(arrived)).toEqual(sorted);
        expect(latestOf(arrived)).toBe(sorted.at(-1));
        const order = recordOrder(arrived);
        // A total order: every pair of the sorted list compares as its places do.
        const misplaced: [string, string][] = [];
        for (let i = 0; i < sorted.length; i++) {
          for (let j = 0; j < sorted.length; j++) if (Math.sign(order.compare(sorted[i]!, sorted[j]!)) !== Math.sign(i - j)) misplaced.push([sorted[i]!.id, sorted[j]!.id]);
        }
        expect(misplaced).toEqual([]);
      })
    );
  });

  it('keeps each tablet’s own record order, whatever its clock did', () => {
    fc.assert(
      fc.property(recorded(), (list) => {
        const sorted = inRecordOrder(list);
        for (const device of DEVICES) {
          const seqs = sorted.filter((e) => e.device === device).map(seqOf);
          expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        }
      })
    );
  });

  it('is the clock order where no clock stepped back, and for a pair it is “one tablet: by seq, else by time”', () => {
    fc.assert(
      fc.property(recorded(), (list) => {
        const monotone = DEVICES.flatMap((d) => {
          const mine = list.filter((e) => e.device === d);
          const ats = mine.map((e) => e.at).sort((a, b) => a - b);
          return mine.map((e, i) => ({ ...e, at: ats[i]! }));
        });
        expect(inRecordOrder(monotone)).toEqual([...monotone].sort(byTimeThenId));
        for (const a of list.slice(0, 6)) {
          for (const b of list.slice(-6)) {
            if (a.id === b.id) continue;
            const pairwise = a.device === b.device ? compareIds(a.id, b.id) > 0 : byTimeThenId(a, b) > 0;
            expect(recordOrder([a, b]).happenedAfter(a, b)).toBe(pairwise);
          }
        }
      })
    );
  });

  it('orders scans of different tablets as they happened when they are further apart than twice the clocks’ error', () => {
    const H = 60;
    // Each tablet: real-time gaps, and a clock error within ±H at each scan.
    const tablet = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 90 }), error: fc.integer({ min: -H, max: H }) }), { maxLength: 10 });
    fc.assert(
      fc.property(fc.tuple(...DEVICES.map(() => tablet)), (tablets) => {
        const real = new Map<string, number>();
        const list = tablets.flatMap((scans, d) => {
          let t = 0;
          return scans.map(({ gap, error }, i) => {
            t += gap;
            const e = entryOf(DEVICES[d]!, i + 1, t + error);
            real.set(e.id, t);
            return e;
          });
        });
        const order = recordOrder(list);
        const misordered: [string, string][] = [];
        for (const a of list) {
          for (const b of list) {
            if (a.device !== b.device && real.get(a.id)! > real.get(b.id)! + 2 * H && !order.happenedAfter(a, b)) misordered.push([a.id, b.id]);
          }
        }
        expect(misordered).toEqual([]);
      })
    );
  });

  it('refuses to place an entry that is not in its set', () => {
    const a = entryOf('aaaaaaaa', 1, 1);
    expect(() => recordOrder([a]).compare(a, entryOf('bbbbbbbb', 1, 1))).toThrow(NotInOrderError);
  });
});

describe('LatestEntry', () => {
  it('keeps the latest while entries arrive one at a time, in any order, some twice', () => {
    fc.assert(
      fc.property(twoArrivals, fc.array(fc.nat()), ([list, arrived], repeats) => {
        const latest = new LatestEntry<Entry>();
        expect(latest.current).toBeUndefined();
        for (const e of arrived) latest.add(e);
        for (const r of repeats) if (arrived.length > 0) latest.add(arrived[r % arrived.length]!);
        expect(latest.current).toBe(inRecordOrder(list).at(-1));
      })
    );
  });
});
