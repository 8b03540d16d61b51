import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summarizeShift, tallyShift, type HandoverScope } from './rules';
import { compareSummaries } from './compare';
import { digestOf, formatDigest } from '$lib/core/digest';
import { makeEntry } from '$lib/core/builders';
import { makeRound, TabletRecorder } from '$lib/core/sampling-builders';
import { formatEntryId } from '$lib/core/entry-id';
import type { Entry } from '$lib/core/types';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 22, 0, 0, 0); // 08:00 in Shanghai
const shift = { from: T0, to: T0 + 8 * H };
const A = 'aaaaaaaa';
const B = 'bbbbbbbb';

/** A gate pass by `device`, `minutes` into the shift. */
function pass(device: string, seq: number, subject: string, minutes: number, more: Partial<Entry> = {}): Entry {
  const kind = more.kind ?? 'gate-in';
  return makeEntry({ id: formatEntryId(device, seq), device, subject, at: T0 + minutes * 60_000, kind, direction: kind === 'gate-out' ? 'out' : 'in', ...more });
}

describe('tallyShift', () => {
  it('counts the shift of a station by kind, station and tablet, with refused, amber and voids', () => {
    const entries = [
      pass(A, 1, 'p1', 5),
      pass(A, 2, 'p2', 6, { kind: 'gate-out' }),
      pass(A, 3, 'VISITOR-1', 7, { verdict: 'refused', reason: 'unknown-code' }),
      pass(A, 4, 'p1', 8, { verdict: 'duplicate', reason: 'already-inside' }),
      pass(B, 1, 'p3', 9),
      pass(B, 2, 'p4', 10),
      pass(B, 3, 'p4', 11, { kind: 'void', voids: formatEntryId(B, 2), reason: 'scanned-by-mistake' }),
      pass(B, 4, 'p5', -1), // before the shift
      pass(B, 5, 'p6', 8 * 60), // at its end: the next shift's
      pass(A, 5, 'p7', 12, { station: 'guide', kind: 'check-in' }),
      pass(A, 6, '李四', 13, { kind: 'handover', note: 'x' })
    ];
    const t = tallyShift(entries, 'gate', shift, []);
    expect(t).toMatchObject({ entries: 7, refused: 1, duplicate: 1, voids: 1, conflicts: 0, omittedDevices: 0 });
    expect(t.byKind).toEqual({ 'gate-in': 2, 'gate-out': 1 });
    expect(t.byStation).toEqual({ gate: 7 });
    expect(t.byDevice).toEqual({ [A]: 4, [B]: 3 });
    expect(tallyShift(entries, 'site', shift, []).byStation).toEqual({ gate: 7, guide: 1 });
  });

  it('counts a person let in by two tablets that were apart, and a tube opened on both', () => {
    const round = makeRound();
    const ra = new TabletRecorder(A, round, 'recorder', T0 + H);
    const rb = new TabletRecorder(B, round, 'recorder', T0 + H);
    ra.open('T001');
    rb.open('T001');
    const gate = [pass(A, 9, 'p1', 5), pass(B, 9, 'p1', 6), pass(A, 10, 'p2', 7)];
    expect(tallyShift([...gate, ...ra.entries, ...rb.entries], 'site', shift, [round]).conflicts).toBe(2);
    expect(tallyShift([...gate, ...ra.entries, ...rb.entries], 'recorder', shift, [round]).conflicts).toBe(1);
    // A conflict whose entries all lie before the shift belongs to the earlier shift.
    expect(tallyShift(gate, 'gate', { from: T0 + 7 * 60_000, to: shift.to }, []).conflicts).toBe(0);
  });
});

const scopes: HandoverScope[] = ['site', 'gate', 'guide'];
const anyEntry = fc
  .record({
    device: fc.constantFrom(A, B, 'cccccccc'),
    seq: fc.integer({ min: 1, max: 60 }),
    subject: fc.constantFrom('p1', 'p2', 'p3'),
    minutes: fc.integer({ min: -60, max: 9 * 60 }),
    kind: fc.constantFrom('gate-in', 'gate-out', 'check-in', 'void', 'handover' as const),
    station: fc.constantFrom('gate', 'guide' as const),
    verdict: fc.constantFrom('accepted', 'accepted', 'duplicate', 'refused' as const),
    voids: fc.integer({ min: 1, max: 60 })
  })
  .map((r) => pass(r.device, r.seq, r.subject, r.minutes, { kind: r.kind, station: r.station, verdict: r.verdict, ...(r.kind === 'void' ? { voids: formatEntryId(r.device, r.voids) } : {}) }));
const entrySet = fc.uniqueArray(anyEntry, { selector: (e) => e.id, maxLength: 50 });

describe('shift summaries', () => {
  it('count every entry of the shift once, whatever order the entries merged in', () => {
    fc.assert(
      fc.property(entrySet, fc.constantFrom(...scopes), fc.nat(), (entries, scope, seed) => {
        const shuffled = [...entries].sort((x, y) => ((x.at * 7 + seed) % 101) - ((y.at * 7 + seed) % 101));
        const s = summarizeShift({ device: A, scope, window: shift, context: entries, rounds: [], days: {} });
        expect(summarizeShift({ device: A, scope, window: shift, context: shuffled, rounds: [], days: {} })).toEqual(s);
        const t = s.tally;
        const sum = (r: object) => Object.values(r).reduce((a: number, b: number) => a + b, 0);
        expect(t.entries).toBe(s.digest.count);
        expect(sum(t.byStation)).toBe(t.entries);
        expect(sum(t.byDevice)).toBe(t.entries);
        const inShift = entries.filter((e) => e.kind !== 'handover' && e.at >= shift.from && e.at < shift.to && (scope === 'site' || e.station === scope));
        const voided = new Set(inShift.filter((e) => e.kind === 'void').map((e) => e.voids));
        const standingVoided = inShift.filter((e) => e.kind !== 'void' && voided.has(e.id)).length;
        expect(sum(t.byKind) + t.refused + t.duplicate + t.voids + standingVoided).toBe(t.entries);
      })
    );
  });

  it('compare equal exactly when both tablets hold the same shift, and name the tablet whose entries are missing', () => {
    fc.assert(
      fc.property(entrySet, fc.func(fc.boolean()), (entries, keep) => {
        const theirs = entries.filter((e) => e.device === A || keep(e.id));
        const mine = summarizeShift({ device: A, scope: 'site', window: shift, context: entries, rounds: [], days: {} });
        const other = summarizeShift({ device: B, scope: 'site', window: shift, context: theirs, rounds: [], days: {} });
        const result = compareSummaries(mine, other);
        // Missing entries before the shift change only what the conflict count can see.
        if (mine.digest.count === other.digest.count) {
          expect(result.kind === 'equal').toBe(mine.tally.conflicts === other.tally.conflicts);
          return;
        }
        expect(result.kind).toBe('differs');
        if (result.kind !== 'differs') return;
        expect(result.counts).toContainEqual({ key: 'entries', mine: mine.tally.entries, theirs: other.tally.entries });
        expect(result.counts.some((c) => c.key.startsWith('device:') && c.key !== `device:${A}`)).toBe(true);
      })
    );
  });

  it('see the same numbers of different entries as a difference', () => {
    const one = summarizeShift({ device: A, scope: 'gate', window: shift, context: [pass(A, 1, 'p1', 5)], rounds: [], days: {} });
    const other = summarizeShift({ device: B, scope: 'gate', window: shift, context: [pass(A, 2, 'p1', 5)], rounds: [], days: {} });
    expect(compareSummaries(one, other)).toEqual({ kind: 'differs', sameEntries: false, counts: [] });
    expect(formatDigest(one.digest)).toBe(formatDigest(digestOf([formatEntryId(A, 1)])));
  });
});
