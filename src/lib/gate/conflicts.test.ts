import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gateConflicts } from './conflicts';
import { gateEntryFields, gatePositions, judgeGateScan } from './rules';
import { makeEntry, makePerson } from '$lib/core/builders';
import { formatEntryId } from '$lib/core/entry-id';
import type { Direction, Entry } from '$lib/core/types';

const at = (minutes: number) => Date.UTC(2026, 10, 22, 2, minutes);

function passOf(device: string, seq: number, subject: string, direction: Direction, minutes: number, more: Partial<Entry> = {}): Entry {
  return makeEntry({ id: formatEntryId(device, seq), device, subject, kind: direction === 'in' ? 'gate-in' : 'gate-out', direction, at: at(minutes), ...more });
}

describe('gateConflicts', () => {
  it('names a person two tablets apart both let in, and nothing else', () => {
    const a = passOf('aaaaaaaa', 1, 'p1', 'in', 1);
    const b = passOf('bbbbbbbb', 1, 'p1', 'in', 2);
    const found = gateConflicts([
      b,
      a,
      passOf('aaaaaaaa', 2, 'p2', 'in', 1),
      passOf('bbbbbbbb', 2, 'p2', 'out', 2), // in, then out: as it should be
      passOf('aaaaaaaa', 3, 'p3', 'in', 1),
      passOf('bbbbbbbb', 3, 'p3', 'in', 2, { verdict: 'duplicate', reason: 'already-inside' }),
      passOf('aaaaaaaa', 4, 'p4', 'in', 1),
      passOf('bbbbbbbb', 4, 'p4', 'in', 2),
      makeEntry({ id: 'bbbbbbbb:5', device: 'bbbbbbbb', kind: 'void', voids: 'bbbbbbbb:4', at: at(3) })
    ]);
    expect(found).toEqual([{ subject: 'p1', entries: [a, b] }]);
  });

  it('never finds one in what a single tablet recorded by its own rules, and the same set in any order', () => {
    const people = ['p1', 'p2', 'p3'].map((id) => makePerson({ id }));
    const scans = fc.array(fc.record({ person: fc.nat(2), out: fc.boolean() }), { maxLength: 40 });
    fc.assert(
      fc.property(scans, scans, (one, two) => {
        const record = (device: string, list: typeof one, offset: number) => {
          const out: Entry[] = [];
          list.forEach(({ person, out: isOut }, i) => {
            const p = people[person]!;
            const direction: Direction = isOut ? 'out' : 'in';
            const position = gatePositions(out).get(p.id);
            const verdict = judgeGateScan({ code: { kind: 'person', personId: p.id, text: p.id }, direction, person: p, position });
            out.push(makeEntry({ ...gateEntryFields(verdict), id: formatEntryId(device, i + 1), device, at: at(i * 2 + offset) }));
          });
          return out;
        };
        const a = record('aaaaaaaa', one, 0);
        expect(gateConflicts(a)).toEqual([]);
        const both = [...a, ...record('bbbbbbbb', two, 1)];
        expect(gateConflicts([...both].reverse())).toEqual(gateConflicts(both));
      })
    );
  });
});
