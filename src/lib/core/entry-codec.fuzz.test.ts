import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_FIELD, decodeEntry, encodeEntry } from './entry-codec';
import { makeEntry } from './builders';
import { assignKeys, fuzzRuns, hostileText, mutatedRecord, mutatedText } from './fuzz-fixtures';
import { ENTRY_KINDS, OUTCOMES, REASONS, STATIONS, type Entry } from './types';

const DEVICE = 'dev0000001';
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const text = (maxLength: number) => fc.string({ unit: 'binary', minLength: 1, maxLength });

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
    note: opt(text(MAX_FIELD))
  })
  .map(({ seq, ...f }) => {
    const e: Entry = makeEntry({ id: `${DEVICE}:${seq.toString(36)}`, device: DEVICE, ...f });
    for (const k of ['reason', 'direction', 'voids', 'round', 'tube', 'outcome', 'note'] as const) if (e[k] === undefined) delete e[k];
    if (e.kind === 'void') e.voids ??= 'dev0000002:1';
    // A gate entry's direction is its kind's unless it says otherwise.
    if (e.kind === 'gate-in') e.direction ??= 'in';
    if (e.kind === 'gate-out') e.direction ??= 'out';
    return e;
  });

/** A stored value one or more hostile edits away from a valid one. */
const hostileValue = entry.chain((e) => mutatedRecord(encodeEntry(e) as unknown as Record<string, unknown>));

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
