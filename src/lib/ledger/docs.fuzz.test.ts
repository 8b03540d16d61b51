import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_ROUND_NAME, POOLINGS, STICKER_COLOURS, type Round } from '$lib/core/round';
import { PERSON_TAGS, type Person } from '$lib/core/types';
import { makePerson } from '$lib/core/builders';
import { assignKeys, fuzzRuns, hostileText, mutatedRecord } from '$lib/core/fuzz-fixtures';
import { decodePerson, decodeRemoval, decodeRound, encodePerson, type Removal } from './docs';

const base36 = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyz'), minLength: min, maxLength: max });
const text = (max: number) => fc.string({ unit: 'binary', maxLength: max });

const person: fc.Arbitrary<Person> = fc.record({
  id: base36(1, 16),
  name: text(64),
  initials: text(64),
  building: text(128),
  unit: text(128),
  room: text(128),
  phone: text(32),
  idMasked: text(32),
  tags: fc.array(fc.constantFrom(...PERSON_TAGS), { maxLength: 6 })
});
const removal: fc.Arbitrary<Removal> = fc.record({ at: fc.maxSafeInteger(), upTo: fc.maxSafeNat(), by: text(40) });
const round: fc.Arbitrary<Round> = fc
  .record({
    id: base36(4, 16),
    name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: MAX_ROUND_NAME }).map((s) => s.trim()).filter((s) => s.length > 0 && Array.from(s).length <= MAX_ROUND_NAME),
    date: fc.date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    pooling: fc.constantFrom(...POOLINGS),
    stickerColour: fc.constantFrom(...STICKER_COLOURS),
    openedAt: fc.maxSafeNat(),
    closedAt: fc.option(fc.maxSafeNat(), { nil: undefined })
  })
  .map((r) => {
    if (r.closedAt === undefined) delete r.closedAt;
    else r.closedAt = Math.max(r.closedAt, r.openedAt);
    return r;
  });

/** `decode` never throws on `raw`, and what it accepts reads the same from a copy (IndexedDB, the next tablet). */
function expectSafe<T>(decode: (raw: unknown) => T | null, raw: unknown): void {
  const got = decode(raw);
  if (got !== null) expect(decode(structuredClone(raw))).toEqual(got);
}

describe('site doc values under fuzzing', () => {
  it('read back every person, removal and round they store', () => {
    fc.assert(
      fc.property(person, removal, round, (p, r, rd) => {
        expect(decodePerson(p.id, encodePerson(p))).toEqual(p);
        expect(decodeRemoval({ ...r })).toEqual(r);
        expect(decodeRound(rd.id, { ...rd })).toEqual(rd);
      }),
      { numRuns: fuzzRuns(0.25) }
    );
  });

  it('never throw on a value one edit off the valid shape, and accept only what a copy reads the same', () => {
    fc.assert(
      fc.property(person.chain((p) => mutatedRecord(encodePerson(p) as unknown as Record<string, unknown>)), fc.oneof(fc.constant('p0000001'), hostileText(20)), (raw, id) => {
        expectSafe((v) => decodePerson(id, v), raw);
      }),
      { numRuns: fuzzRuns(0.5) }
    );
    fc.assert(fc.property(removal.chain((r) => mutatedRecord({ ...r })), (raw) => expectSafe(decodeRemoval, raw)), { numRuns: fuzzRuns(0.5) });
    fc.assert(
      fc.property(round.chain((r) => mutatedRecord({ ...r }).map((raw) => [r.id, raw] as const)), ([id, raw]) => expectSafe((v) => decodeRound(id, v), raw)),
      { numRuns: fuzzRuns(0.5) }
    );
  });

  it('regression: refuse a person, removal or round whose fields are inherited through `__proto__`', () => {
    const p = makePerson();
    expect(decodePerson(p.id, assignKeys([['__proto__', encodePerson(p)]]))).toBeNull();
    expect(decodeRemoval(assignKeys([['__proto__', { at: 1, upTo: 2, by: 'x' }]]))).toBeNull();
    const r: Round = { id: 'r0001', name: '第1轮', date: '2026-11-22', pooling: 10, stickerColour: 'red', openedAt: 1 };
    expect(decodeRound(r.id, assignKeys([['__proto__', r]]))).toBeNull();
  });
});
