import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeEntry, encodeEntry } from './entry-codec';
import { makeEntry } from './builders';
import { ENTRY_KINDS, OUTCOMES, STATIONS } from './types';

describe('entry codec, sampling fields', () => {
  it('keeps the stored indexes of older kinds and stations (lists are only appended to)', () => {
    expect(STATIONS.indexOf('gate')).toBe(0);
    expect(ENTRY_KINDS.indexOf('void')).toBe(14);
    expect(ENTRY_KINDS.indexOf('box-add')).toBe(15);
    // An entry without the new fields encodes exactly as before they existed.
    expect(encodeEntry(makeEntry({ at: 1_763_776_800_123 }))).toEqual({ k: 0, t: 1_763_776_800, m: 123, s: 0, u: '王五', p: 'p0000001' });
  });

  it('round-trips a sampling entry with a station, round, tube, outcome and note', () => {
    const entry = fc.record({
      station: fc.constantFrom(...STATIONS),
      kind: fc.constantFrom('sample', 'tube-open', 'box-add', 'trace', 'tube-result', 'visit' as const),
      round: fc.string({ minLength: 1, maxLength: 16 }),
      tube: fc.string({ minLength: 1, maxLength: 64 }),
      outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: undefined }),
      note: fc.option(fc.string({ minLength: 1, maxLength: 200 }), { nil: undefined })
    });
    fc.assert(
      fc.property(entry, (fields) => {
        const e = makeEntry({ ...fields, direction: undefined });
        delete e.direction;
        if (!fields.outcome) delete e.outcome;
        if (!fields.note) delete e.note;
        expect(decodeEntry(e.id, encodeEntry(e))).toEqual(e);
      })
    );
  });

  it('refuses a malformed outcome or note', () => {
    const good = encodeEntry(makeEntry({ kind: 'trace', outcome: 'reached' }));
    expect(decodeEntry('dev0000001:1', good)?.outcome).toBe('reached');
    for (const bad of [{ o: 99 }, { o: -1 }, { o: 1.5 }, { o: 'reached' }, { w: 7 }, { w: 'x'.repeat(10_000) }, { s: STATIONS.length }]) {
      expect(decodeEntry('dev0000001:1', { ...good, ...bad })).toBeNull();
    }
  });
});
