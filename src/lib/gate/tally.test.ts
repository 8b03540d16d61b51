import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tallyGate } from './tally';
import { makeEntry } from '$lib/core/builders';
import type { Entry } from '$lib/core/types';

const hourOf = (at: number) => Math.floor(at / 3_600_000) % 24;

describe('tallyGate', () => {
  it('counts in, out, outside, refused and amber; voids do not count', () => {
    const entries: Entry[] = [
      makeEntry({ id: 'aaaaaa:1', subject: 'a', kind: 'gate-out', direction: 'out', at: 1 }),
      makeEntry({ id: 'aaaaaa:2', subject: 'b', kind: 'gate-out', direction: 'out', at: 2 }),
      makeEntry({ id: 'aaaaaa:3', subject: 'b', kind: 'gate-in', direction: 'in', at: 3 }),
      makeEntry({ id: 'aaaaaa:4', subject: 'c', kind: 'gate-in', direction: 'in', at: 4, verdict: 'refused', reason: 'unknown-code' }),
      makeEntry({ id: 'aaaaaa:5', subject: 'b', kind: 'gate-in', direction: 'in', at: 5, verdict: 'duplicate', reason: 'already-inside' }),
      makeEntry({ id: 'aaaaaa:6', subject: 'd', kind: 'gate-out', direction: 'out', at: 6 }),
      makeEntry({ id: 'aaaaaa:7', kind: 'void', voids: 'aaaaaa:6', at: 7, direction: undefined })
    ];
    const t = tallyGate(entries, hourOf);
    expect(t).toMatchObject({ in: 1, out: 2, outside: 1, refused: 1, duplicate: 1, voided: 1 });
    expect(t.perHour[0]).toBe(5);
  });

  it('counts a person let in by two tablets that were apart once, and the clash apart', () => {
    const entries: Entry[] = [
      makeEntry({ id: 'aaaaaa:1', device: 'aaaaaa', subject: 'a', kind: 'gate-in', direction: 'in', at: 10 }),
      makeEntry({ id: 'bbbbbb:1', device: 'bbbbbb', subject: 'a', kind: 'gate-in', direction: 'in', at: 20 }),
      makeEntry({ id: 'aaaaaa:2', device: 'aaaaaa', subject: 'b', kind: 'gate-in', direction: 'in', at: 30 })
    ];
    expect(tallyGate(entries, hourOf)).toMatchObject({ in: 2, conflicts: 1, outside: 0 });
  });

  it('counts passes by exemption, per exemption, and the supervisor’s overrides apart from in and out', () => {
    const entries: Entry[] = [
      makeEntry({ id: 'aaaaaa:1', subject: 'a', kind: 'gate-out', direction: 'out', at: 1, exemption: 'medical' }),
      makeEntry({ id: 'aaaaaa:2', subject: 'b', kind: 'gate-out', direction: 'out', at: 2, exemption: 'medical' }),
      makeEntry({ id: 'aaaaaa:3', subject: 'c', kind: 'gate-in', direction: 'in', at: 3, exemption: 'supply' }),
      makeEntry({ id: 'aaaaaa:4', subject: 'q', kind: 'gate-out', direction: 'out', at: 4, reason: 'supervisor-override', note: '120转运', exemption: 'ambulance' }),
      makeEntry({ id: 'aaaaaa:5', subject: 'd', kind: 'gate-out', direction: 'out', at: 5 }),
      makeEntry({ id: 'aaaaaa:6', subject: 'e', kind: 'gate-out', direction: 'out', at: 6, verdict: 'refused', reason: 'only-in' })
    ];
    const t = tallyGate(entries, hourOf);
    expect(t).toMatchObject({ in: 0, out: 1, exempt: 3, overrides: 1, refused: 1, outside: 4 });
    expect(t.byExemption).toEqual(new Map([['medical', 2], ['supply', 1]]));
  });

  it('is the same whatever order the entries arrive in (they merge from several tablets)', () => {
    const entry = fc.record({
      id: fc.tuple(fc.constantFrom('aaaaaa', 'bbbbbb', 'cccccc'), fc.integer({ min: 1, max: 50 })).map(([d, s]) => `${d}:${s.toString(36)}`),
      subject: fc.constantFrom('a', 'b', 'c', 'd'),
      out: fc.boolean(),
      at: fc.integer({ min: 0, max: 86_400_000 }),
      verdict: fc.constantFrom('accepted', 'duplicate', 'refused' as const),
      // 'constructor' is a valid exemption id and a key of every plain object.
      by: fc.constantFrom(undefined, undefined, 'medical', 'constructor', 'override')
    });
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 40 }), fc.nat(), (raw, seed) => {
        const entries = raw.map((r) =>
          makeEntry({
            id: r.id,
            device: r.id.split(':')[0]!,
            subject: r.subject,
            kind: r.out ? 'gate-out' : 'gate-in',
            direction: r.out ? 'out' : 'in',
            at: r.at,
            verdict: r.verdict,
            ...(r.by === 'override' ? { reason: 'supervisor-override' as const, note: '120' } : r.by ? { exemption: r.by } : {})
          })
        );
        const shuffled = [...entries].sort((a, b) => ((a.at * 31 + seed) % 97) - ((b.at * 31 + seed) % 97));
        expect(tallyGate(shuffled, hourOf)).toEqual(tallyGate(entries, hourOf));
        const t = tallyGate(entries, hourOf);
        expect(t.in + t.out + t.exempt + t.overrides + t.refused + t.duplicate + t.conflicts).toBe(entries.length);
        expect([...t.byExemption.values()].reduce((a, b) => a + b, 0)).toBe(t.exempt);
        expect(t.perHour.reduce((a, b) => a + b, 0)).toBe(entries.length);
      })
    );
  });
});
