import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_FIELD, decodeEntry, encodeEntry } from './entry-codec';
import { makeEntry } from './builders';
import { assignKeys, fuzzRuns, hostileText, mutatedRecord, mutatedText } from './fuzz-fixtures';
import { ENTRY_KINDS, OUTCOMES, REASONS, STATIONS, type Entry } from './types';
import { CODE_COLOURS, MAX_ABOARD, MAX_PHONE, MAX_PLATE, MAX_ROOM, MAX_VISITOR_NAME, READING_MAX, READING_MIN, VEHICLE_KINDS, VEHICLE_PURPOSES, VISITOR_KINDS, encodeVehicle, encodeVisitor } from './gate-records';

const DEVICE = 'dev0000001';
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const text = (maxLength: number) => fc.string({ unit: 'binary', minLength: 1, maxLength });
/** Any text of at most `max` UTF-16 units (what the caps count; a code point beyond the BMP is two). */
const capped = (max: number) => fc.string({ unit: 'binary', maxLength: max }).filter((s) => s.length <= max);

/** Any entry the app could write: every field within its rules, optional ones present or not. */
const entry: fc.Arbitrary<Entry> = fc
  .record({
    seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    kind: fc.constantFrom(...ENTRY_KINDS),
    at: fc.integer({ min: 0, max: 8_640_000_000_000_000 }),
    station: fc.constantFrom(...STATIONS),
    staff: fc.string({ unit: 'binary', maxLength: 64 }),
    subject: fc.string({ unit: 'binary', maxLength: MAX_FIELD }),
    verdict: fc.constantFrom('accepted', 'duplicate', 'refused' as const),
    reason: opt(fc.constantFrom(...REASONS)),
    direction: opt(fc.constantFrom('in', 'out' as const)),
    voids: opt(fc.integer({ min: 1, max: 1e6 }).map((n) => `dev0000002:${n.toString(36)}`)),
    round: opt(text(MAX_FIELD)),
    tube: opt(text(MAX_FIELD)),
    outcome: opt(fc.constantFrom(...OUTCOMES)),
    note: opt(text(MAX_FIELD)),
    visitor: opt(
      fc.record({
        name: capped(MAX_VISITOR_NAME),
        phone: capped(MAX_PHONE),
        kind: fc.constantFrom(...VISITOR_KINDS),
        room: capped(MAX_ROOM)
      })
    ),
    vehicle: opt(
      fc.record({
        plate: capped(MAX_PLATE),
        kind: fc.constantFrom(...VEHICLE_KINDS),
        aboard: fc.integer({ min: 0, max: MAX_ABOARD }),
        purpose: fc.constantFrom(...VEHICLE_PURPOSES),
        itinerary: fc.constantFrom(...CODE_COLOURS)
      })
    ),
    health: opt(fc.constantFrom(...CODE_COLOURS)),
    celsiusTenths: opt(fc.integer({ min: READING_MIN, max: READING_MAX }))
  })
  .map(({ seq, ...f }) => {
    const e: Entry = makeEntry({ id: `${DEVICE}:${seq.toString(36)}`, device: DEVICE, ...f });
    for (const k of ['reason', 'direction', 'voids', 'round', 'tube', 'outcome', 'note', 'visitor', 'vehicle', 'health', 'celsiusTenths'] as const) if (e[k] === undefined) delete e[k];
    if (e.kind === 'void') e.voids ??= 'dev0000002:1';
    // A gate entry's direction is its kind's unless it says otherwise.
    if (e.kind === 'gate-in') e.direction ??= 'in';
    if (e.kind === 'gate-out') e.direction ??= 'out';
    return e;
  });

/** A stored value one or more hostile edits away from a valid one. */
const hostileValue = entry.chain((e) => mutatedRecord(encodeEntry(e) as unknown as Record<string, unknown>));

/** A valid stored value whose nested visitor or vehicle record is one hostile edit off. */
const hostileNested = entry.chain((e) => {
  const stored = encodeEntry(e) as unknown as Record<string, unknown>;
  const visitor = { name: '李四', phone: '13812341234', kind: 'delivery', room: '3-2-501' } as const;
  const vehicle = { plate: '京A12345', kind: 'truck', aboard: 2, purpose: 'supply', itinerary: 'green' } as const;
  return fc.oneof(
    mutatedRecord(encodeVisitor(visitor) as unknown as Record<string, unknown>).map((g) => ({ ...stored, g })),
    mutatedRecord(encodeVehicle(vehicle) as unknown as Record<string, unknown>).map((a) => ({ ...stored, a }))
  );
});

describe('decodeEntry under fuzzing', () => {
  it('reads back every entry it stores', () => {
    fc.assert(
      fc.property(entry, (e) => {
        expect(decodeEntry(e.id, encodeEntry(e))).toEqual(e);
      }),
      { numRuns: fuzzRuns(0.5) }
    );
  });

  it('never throws on a value one edit off the valid shape, and what it accepts is an entry that stores as it was read', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant('dev0000001:1'), mutatedText('dev0000001:1')), hostileValue, (id, raw) => {
        const got = decodeEntry(id, raw);
        if (got) expect(decodeEntry(id, encodeEntry(got))).toEqual(got);
      }),
      { numRuns: fuzzRuns() }
    );
  });

  it('never throws on a visitor or vehicle record one edit off, and what it accepts stores as it was read', () => {
    fc.assert(
      fc.property(hostileNested, (raw) => {
        const got = decodeEntry('dev0000001:1', raw);
        if (got) {
          expect(decodeEntry('dev0000001:1', encodeEntry(got))).toEqual(got);
          expect(decodeEntry('dev0000001:1', structuredClone(raw))).toEqual(got);
        }
      }),
      { numRuns: fuzzRuns(0.5) }
    );
  });

  it('accepts a value only if a copy of it (IndexedDB, the next tablet) reads the same', () => {
    fc.assert(
      fc.property(hostileValue, (raw) => {
        const got = decodeEntry('dev0000001:1', raw);
        if (got) expect(decodeEntry('dev0000001:1', structuredClone(raw))).toEqual(got);
      }),
      { numRuns: fuzzRuns(0.5) }
    );
  });

  it('regression: a verdict code that names a prototype key is refused, not read as an object or a function', () => {
    const good = encodeEntry(makeEntry());
    for (const v of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expect(decodeEntry('dev0000001:1', { ...good, v })).toBeNull();
  });

  it('refuses ids that are not `device:seq`, whatever the value', () => {
    const good = encodeEntry(makeEntry());
    fc.assert(
      fc.property(hostileText(40), (id) => {
        if (!/^[0-9a-z]{6,12}:[0-9a-z]{1,11}$/.test(id)) expect(decodeEntry(id, good)).toBeNull();
      }),
      { numRuns: fuzzRuns() }
    );
  });

  it('regression: refuses an entry whose fields are inherited through `__proto__`, as the wire decoder builds it', () => {
    const good = encodeEntry(makeEntry());
    const hidden = assignKeys([['__proto__', { ...good }]]);
    expect(decodeEntry('dev0000001:1', hidden)).toBeNull();
    expect(decodeEntry('dev0000001:1', assignKeys([...Object.entries(good), ['__proto__', { w: 'planted' }]]))).toBeNull();
    expect(decodeEntry('dev0000001:1', JSON.parse(`{"__proto__": ${JSON.stringify(good)}}`))).toBeNull();
  });
});
