import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_FIELD, MAX_HANDOVER_NOTE, decodeEntry, encodeEntry } from './entry-codec';
import { makeEntry } from './builders';
import { ENTRY_KINDS, REASONS } from './types';

describe('entry codec', () => {
  it('round-trips an entry, keeping milliseconds', () => {
    const e = makeEntry({ at: 1_763_776_800_123, reason: 'already-inside', verdict: 'duplicate' });
    expect(decodeEntry(e.id, encodeEntry(e))).toEqual(e);
  });

  it('round-trips any well-formed entry', () => {
    const entry = fc.record({
      kind: fc.constantFrom(...ENTRY_KINDS.filter((k) => k !== 'void')),
      at: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      staff: fc.string({ maxLength: 64 }),
      subject: fc.string({ maxLength: 512 }),
      verdict: fc.constantFrom('accepted', 'duplicate', 'refused' as const),
      reason: fc.option(fc.constantFrom(...REASONS), { nil: undefined }),
      direction: fc.option(fc.constantFrom('in', 'out' as const), { nil: undefined })
    });
    fc.assert(
      fc.property(entry, (fields) => {
        const e = makeEntry({ ...fields });
        if (!fields.reason) delete e.reason;
        if (!fields.direction) delete e.direction;
        // A gate entry's direction is its kind's.
        if (e.kind === 'gate-in') e.direction = 'in';
        if (e.kind === 'gate-out') e.direction = 'out';
        expect(decodeEntry(e.id, encodeEntry(e))).toEqual(e);
      })
    );
  });

  it('rejects malformed or hostile values instead of throwing', () => {
    const good = encodeEntry(makeEntry());
    const bad: [string, unknown][] = [
      ['not an id', good],
      ['dev0000001:1', null],
      ['dev0000001:1', []],
      ['dev0000001:1', { ...good, k: 99 }],
      ['dev0000001:1', { ...good, v: 'x' }],
      ['dev0000001:1', { ...good, t: -1 }],
      ['dev0000001:1', { ...good, t: 1.5 }],
      ['dev0000001:1', { ...good, p: 'x'.repeat(10_000) }],
      ['dev0000001:1', { ...good, s: 'kitchen' }],
      ['dev0000001:1', { ...good, s: 9 }],
      ['dev0000001:1', { ...good, r: 77 }],
      ['dev0000001:1', { ...good, d: 'sideways' }],
      ['dev0000001:1', { ...good, k: ENTRY_KINDS.indexOf('void') }],
      ['dev0000001:1', { ...good, x: '<script>' }]
    ];
    for (const [id, raw] of bad) expect(decodeEntry(id, raw)).toBeNull();
    fc.assert(fc.property(fc.string(), fc.anything(), (id, raw) => void decodeEntry(id, raw)));
  });
});

describe('notes', () => {
  it('give a handover room for a large site, and keep other notes short', () => {
    const handover = makeEntry({ id: 'dev0000001:9', kind: 'handover', note: 'x'.repeat(MAX_HANDOVER_NOTE) });
    expect(decodeEntry(handover.id, encodeEntry(handover))).toEqual(handover);
    expect(decodeEntry(handover.id, { ...encodeEntry(handover), w: 'x'.repeat(MAX_HANDOVER_NOTE + 1) })).toBeNull();
    const visit = makeEntry({ id: 'dev0000001:8', kind: 'visit', note: 'x'.repeat(MAX_FIELD + 1) });
    expect(decodeEntry(visit.id, encodeEntry(visit))).toBeNull();
  });
});
