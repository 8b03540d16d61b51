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
      direction: fc.option(fc.constantFrom('in', 'out' as const), { nil: undefined }),
      exemption: fc.option(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,23}$/), { nil: undefined })
    });
    fc.assert(
      fc.property(entry, (fields) => {
        const e = makeEntry({ ...fields });
        if (!fields.reason) delete e.reason;
        if (!fields.direction) delete e.direction;
        if (!fields.exemption) delete e.exemption;
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

describe('gate policy fields', () => {
  it('round-trips a pass by exemption, an override with its reason, and a policy change', () => {
    const exempt = makeEntry({ id: 'dev0000001:a', kind: 'gate-out', direction: 'out', exemption: 'ambulance' });
    const override = makeEntry({ id: 'dev0000001:b', kind: 'gate-out', direction: 'out', reason: 'supervisor-override', note: '120转运' });
    const policy = makeEntry({ id: 'dev0000001:c', kind: 'policy', subject: 'mode', note: 'only-in', direction: undefined });
    delete policy.direction;
    for (const e of [exempt, override, policy]) expect(decodeEntry(e.id, encodeEntry(e))).toEqual(e);
    expect(encodeEntry(exempt).e).toBe('ambulance');
  });

  it('stores an entry with no exemption exactly as before', () => {
    expect(Object.keys(encodeEntry(makeEntry())).sort()).toEqual(['k', 'p', 's', 't', 'u']);
  });

  it('refuses an exemption that is not an id', () => {
    const good = encodeEntry(makeEntry({ kind: 'gate-out', direction: 'out' }));
    for (const e of ['', 'Medical', '就医', 5, null, 'x'.repeat(25), '-x']) expect(decodeEntry('dev0000001:1', { ...good, e })).toBeNull();
  });

  it('never moves a stored index: kinds and reasons are only appended', () => {
    expect(ENTRY_KINDS.indexOf('box-add')).toBe(15);
    expect(ENTRY_KINDS.indexOf('policy')).toBe(16);
    expect(ENTRY_KINDS.indexOf('visitor')).toBe(17);
    expect(REASONS.indexOf('retest-requested')).toBe(11);
    expect(REASONS.slice(12, 18)).toEqual(['quarantined', 'only-in', 'closed', 'quota-full', 'unsigned-code', 'supervisor-override']);
    expect(REASONS.indexOf('pass-forged')).toBe(18);
    expect(REASONS.indexOf('not-our-code')).toBe(26);
    expect(REASONS.slice(27)).toEqual(['yellow-code', 'red-code', 'itinerary-code', 'second-reading']);
  });
});
