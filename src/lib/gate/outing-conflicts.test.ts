/**
 * Quota conflicts: tablets apart that each kept a household's quota and together passed it
 * are named, never hidden; a tablet alone, or tablets connected, never raise one. Scans are
 * judged by the checkpoint's rules on their tablet (checkpoint-fixtures.ts), with clocks
 * stepping back and forth, and the merged entries read in any order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareIds } from '$lib/core/entries';
import type { OutingQuota } from '$lib/core/gate-policy';
import type { Entry } from '$lib/core/types';
import { DAY, DEVICES, HOUR, PEOPLE, arrivals, householdOfId, policyWith, quotaArb, replay, scanArb, type Scan } from './checkpoint-fixtures';
import { quotaConflicts } from './outing-conflicts';
import { householdOf, outingStarts } from './outings';

const quota: OutingQuota = { outings: 1, days: 2, hours: 4 };
const out = (tablet: number, who: number, gap: number): Scan => ({ tablet, who, direction: 'out', gap, clock: undefined, exempt: false });
const startsOf = (entries: readonly Entry[], household: string) => outingStarts(entries.filter((e) => e.kind === 'void' || householdOfId(e.subject) === household));

describe('quotaConflicts', () => {
  it('names the second exit of a household two tablets let out while apart', () => {
    // p0 and p1 share a household; tablet A lets p0 out, tablet B (apart) lets p1 out.
    const { entries, verdicts } = replay([out(0, 0, HOUR), out(1, 1, HOUR)], policyWith(quota), { connected: false });
    expect(verdicts.map((v) => v.kind)).toEqual(['accepted', 'accepted']);
    expect(quotaConflicts(entries, quota, householdOfId)).toEqual([{ household: householdOf(PEOPLE[0]!), entry: entries[1], earlier: [entries[0]] }]);
  });

  it('has nothing to name when the tablets were connected: the second tablet refused', () => {
    const { entries, verdicts } = replay([out(0, 0, HOUR), out(1, 1, HOUR)], policyWith(quota), { connected: true });
    expect(verdicts[1]).toMatchObject({ kind: 'refused', reason: 'quota-full' });
    expect(quotaConflicts(entries, quota, householdOfId)).toEqual([]);
  });

  it('does not name what one tablet let out under a quota lowered since', () => {
    const back = (who: number, gap: number): Scan => ({ ...out(0, who, gap), direction: 'in' });
    const two = { ...quota, outings: 2 };
    const { entries, verdicts } = replay([out(0, 0, HOUR), back(0, HOUR), out(0, 1, HOUR)], policyWith(two), { connected: true });
    expect(verdicts.map((v) => v.kind)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(quotaConflicts(entries, quota, householdOfId)).toEqual([]);
  });

  it('never raises one for what a single tablet recorded, whatever its clock did; that tablet kept the quota in its own order', () => {
    fc.assert(
      fc.property(fc.array(scanArb(1), { maxLength: 40 }), quotaArb, (scans, q) => {
        const { entries } = replay(scans, policyWith(q), { connected: true });
        expect(quotaConflicts(entries, q, householdOfId)).toEqual([]);
        // The oracle: walk the tablet's entries as it recorded them and count, at each
        // ordinary exit of someone inside, the household's earlier ones in the window.
        const outside = new Set<string>();
        const started = new Map<string, number[]>();
        for (const e of [...entries].sort((a, b) => compareIds(a.id, b.id))) {
          if (e.verdict !== 'accepted') continue;
          if (e.kind === 'gate-in') outside.delete(e.subject);
          if (e.kind !== 'gate-out') continue;
          const household = householdOfId(e.subject)!;
          if (!outside.has(e.subject) && !e.exemption && e.reason !== 'supervisor-override') {
            const earlier = started.get(household) ?? [];
            expect(earlier.filter((t) => e.at - t < q.days * DAY).length).toBeLessThan(q.outings);
            started.set(household, [...earlier, e.at]);
          }
          outside.add(e.subject);
        }
      }),
      { numRuns: 300 }
    );
  });

  it('never raises one for tablets that were connected, with clocks that told the time', () => {
    fc.assert(
      fc.property(fc.array(scanArb(DEVICES.length), { maxLength: 40 }), quotaArb, (scans, q) => {
        const { entries } = replay(scans, policyWith(q), { connected: true, trueClocks: true });
        expect(quotaConflicts(entries, q, householdOfId)).toEqual([]);
      }),
      { numRuns: 300 }
    );
  });

  it('never hides a quota passed by tablets apart: of N + 1 outings within D days, one is named', () => {
    let named = 0;
    fc.assert(
      fc.property(fc.array(scanArb(DEVICES.length), { maxLength: 40 }), quotaArb, (scans, q) => {
        const { entries } = replay(scans, policyWith(q), { connected: false });
        const conflicts = quotaConflicts(entries, q, householdOfId);
        named += conflicts.length;
        const flagged = new Set(conflicts.map((c) => c.entry.id));
        for (const household of new Set(PEOPLE.map(householdOf))) {
          const starts = startsOf(entries, household).sort((a, b) => a.at - b.at);
          for (let i = 0; i + q.outings < starts.length; i++) {
            const group = starts.slice(i, i + q.outings + 1);
            if (group.at(-1)!.at - group[0]!.at < q.days * DAY) expect(group.some((e) => flagged.has(e.id))).toBe(true);
          }
        }
        // Each one named is past the quota, and not by its own tablet alone.
        for (const c of conflicts) {
          expect(c.earlier.length).toBeGreaterThanOrEqual(q.outings);
          expect(c.earlier.filter((e) => e.device === c.entry.device).length).toBeLessThan(q.outings);
        }
      }),
      { numRuns: 300 }
    );
    expect(named).toBeGreaterThan(0);
  });

  it('names the same conflicts whatever order the entries arrive in and however often', () => {
    fc.assert(
      fc.property(
        fc.array(scanArb(DEVICES.length), { maxLength: 30 }).chain((scans) => {
          const { entries } = replay(scans, policyWith(quota), { connected: false });
          return fc.tuple(fc.constant(entries), arrivals(entries));
        }),
        ([entries, heard]) => {
          expect(quotaConflicts(heard, quota, householdOfId)).toEqual(quotaConflicts(entries, quota, householdOfId));
        }
      ),
      { numRuns: 300 }
    );
  });
});
