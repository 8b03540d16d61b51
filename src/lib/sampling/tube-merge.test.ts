import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readTubes, type TubeStatus } from './tube';
import { CONFLICT_KINDS, conflicts } from './tube-conflicts';
import { judgeBoxAdd, judgeBoxSeal, judgeSample, judgeSeal, judgeTubeScan, judgeUndo } from './tube-rules';
import { makeRound, TabletRecorder } from '$lib/core/sampling-builders';
import { seededRandom } from '$lib/roster/demo-roster';
import type { Entry } from '$lib/core/types';

const round = makeRound({ pooling: 5 });
const MINUTE = 60_000;

// --- Two tablets apart, then merged ------------------------------------------------------

type Action =
  | { op: 'open'; tube: string }
  | { op: 'sample'; person: string; again: boolean }
  | { op: 'seal' }
  | { op: 'undo' }
  | { op: 'box'; box: string; tube: string }
  | { op: 'boxSeal'; box: string };

/**
 * A plausible shift on one tablet: cycles of open a tube, scan some people (now and then one
 * already sampled, "sample again", or an undo), usually seal, often box; now and then seal a box.
 * Any step may be refused by the tablet's rules, as on a real tablet.
 */
const actions = (tubes: string[], people: string[], boxes: string[]) =>
  fc
    .array(
      fc.record({
        tube: fc.constantFrom(...tubes),
        people: fc.array(fc.record({ person: fc.constantFrom(...people), again: fc.integer({ min: 0, max: 3 }).map((n) => n === 0) }), { maxLength: 7 }),
        undo: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
        seal: fc.integer({ min: 0, max: 5 }).map((n) => n > 0),
        box: fc.option(fc.constantFrom(...boxes), { nil: undefined }),
        boxSeal: fc.option(fc.constantFrom(...boxes), { freq: 4, nil: undefined })
      }),
      { maxLength: 6 }
    )
    .map((cycles) =>
      cycles.flatMap((c): Action[] => [
        { op: 'open', tube: c.tube },
        ...c.people.map((p): Action => ({ op: 'sample', ...p })),
        ...(c.undo ? [{ op: 'undo' } as const] : []),
        ...(c.seal ? [{ op: 'seal' } as const] : []),
        ...(c.box ? [{ op: 'box', box: c.box, tube: c.tube } as const] : []),
        ...(c.boxSeal ? [{ op: 'boxSeal', box: c.boxSeal } as const] : [])
      ])
    );

/** Plays actions on one tablet through its own rules, recording what they accept. */
function play(device: string, list: Action[], start: number, step: number): TabletRecorder {
  const t = new TabletRecorder(device, round, 'recorder', start, step);
  for (const a of list) {
    const book = readTubes(t.entries, round);
    const v =
      a.op === 'open' ? judgeTubeScan(book, device, a.tube)
      : a.op === 'sample' ? judgeSample(book, device, a.person, a.again ? 'swab-spoiled' : undefined)
      : a.op === 'seal' ? judgeSeal(book, device)
      : a.op === 'undo' ? judgeUndo(book, device, 'scanned-by-mistake')
      : a.op === 'box' ? judgeBoxAdd(book, a.box, a.tube)
      : judgeBoxSeal(book, a.box);
    if (v.kind === 'accepted') t.record(v.draft);
  }
  return t;
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The tube statuses, worked out the slow, obvious way (the test's own oracle). */
function naiveStatuses(entries: Entry[]): Map<string, TubeStatus> {
  const live = (kind: string, tube: string) =>
    entries.filter((e) => e.kind === kind && e.tube === tube && e.verdict === 'accepted' && !entries.some((v) => v.kind === 'void' && v.voids === e.id));
  const out = new Map<string, TubeStatus>();
  for (const tube of new Set(entries.filter((e) => e.kind !== 'void' && e.kind !== 'box-seal').map((e) => e.tube!))) {
    const n = (k: string) => live(k, tube).length;
    if (n('tube-open') + n('sample') + n('tube-seal') + n('box-add') === 0) continue;
    out.set(tube, n('box-add') > 0 ? 'boxed' : n('tube-seal') > 0 ? 'sealed' : n('sample') >= round.pooling ? 'full' : 'open');
  }
  return out;
}

const TUBES = ['T001', 'T002', 'T003', 'T004'];
const PEOPLE = Array.from({ length: 14 }, (_, i) => `p${i}`);
const BOXES = ['BOX1', 'BOX2'];

describe('tubes merged from two tablets', () => {
  const scenario = fc.record({
    a: actions(TUBES, PEOPLE, BOXES),
    b: actions(TUBES, PEOPLE, BOXES),
    skew: fc.integer({ min: -10 * MINUTE, max: 10 * MINUTE }),
    // 0 is a clock that stutters, a negative step one that runs backwards.
    stepA: fc.constantFrom(12_000, 0, -3_000),
    stepB: fc.constantFrom(15_000, 1, -1),
    seeds: fc.array(fc.nat(), { minLength: 3, maxLength: 3 })
  });

  it('derives the same tubes and conflicts in every order, loses no entry, and matches a naive count', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenario, ({ a, b, skew, stepA, stepB, seeds }) => {
        const start = Date.UTC(2026, 10, 22, 1);
        const ta = play('tabaaaa1', a, start, stepA);
        const tb = play('tabbbbb2', b, start + skew, stepB);
        // Each tablet alone keeps its own rules: no conflicts, no tube over the pooling, no empty sealed tube.
        for (const t of [ta, tb]) {
          expect(conflicts(t.entries, round)).toEqual([]);
          for (const tube of readTubes(t.entries, round).tubes.values()) {
            expect(tube.samples.length).toBeLessThanOrEqual(round.pooling);
            if (tube.seals.length > 0) expect(tube.samples.length).toBeGreaterThan(0);
          }
        }
        const merged = [...ta.entries, ...tb.entries];
        const book = readTubes(merged, round);
        const found = conflicts(merged, round);
        for (const seed of seeds) {
          const order = shuffle(merged, seed);
          expect(readTubes(order, round)).toEqual(book);
          expect(conflicts(order, round)).toEqual(found);
        }
        // Nothing lost: every live tube entry is in exactly one place of the book.
        const voided = new Set(merged.filter((e) => e.kind === 'void').map((e) => e.voids));
        const live = merged.filter((e) => e.kind !== 'void' && !voided.has(e.id)).map((e) => e.id).sort();
        const placed = [...book.tubes.values()].flatMap((t) => [...t.opens, ...t.samples, ...t.seals, ...t.boxAdds]);
        const boxSeals = [...book.boxes.values()].flatMap((bx) => bx.seals);
        expect([...placed, ...boxSeals].map((e) => e.id).sort()).toEqual(live);
        expect(new Map([...book.tubes].map(([k, t]) => [k, t.status]))).toEqual(naiveStatuses(merged));
        // Every conflict is between the two tablets: each alone had none.
        for (const c of found) expect(new Set(c.entries.map((e) => e.device)).size).toBe(2);
        for (const c of found) seen.add(c.kind);
        if ([...book.tubes.values()].some((t) => t.status === 'boxed')) seen.add('boxed');
      }),
      { numRuns: 300 }
    );
    // The generator is worth its salt: it reaches every conflict and boxes tubes.
    expect([...seen].sort()).toEqual(['boxed', ...CONFLICT_KINDS].sort());
  });

  it('lists a tube opened on both tablets, and a person put in two tubes, keeping both records', () => {
    const ta = new TabletRecorder('tabaaaa1', round);
    const tb = new TabletRecorder('tabbbbb2', round, 'recorder', Date.UTC(2026, 10, 22, 1, 0, 5));
    const openA = ta.open('T001');
    const inA = ta.sample('p1', 'T001');
    const openB = tb.open('T001');
    tb.open('T002');
    const inB = tb.sample('p1', 'T002');
    const merged = [...tb.entries, ...ta.entries];
    expect(conflicts(merged, round)).toEqual([
      { kind: 'tube-opened-twice', key: 'T001', entries: [openA, openB] },
      { kind: 'person-sampled-twice', key: 'p1', entries: [inA, inB] }
    ]);
    const book = readTubes(merged, round);
    expect(book.samplesOf.get('p1')).toEqual([inA, inB]);
    // Voiding one of them (the supervisor's fix) settles it.
    expect(conflicts([...merged, tb.void(inB, 'wrong-person')], round)).toEqual([{ kind: 'tube-opened-twice', key: 'T001', entries: [openA, openB] }]);
  });

  it('never conflicts when the tablets share no tube, person or box, and each tube reads as on its own tablet', () => {
    fc.assert(
      fc.property(actions(TUBES.slice(0, 2), PEOPLE.slice(0, 7), ['BOX1']), actions(TUBES.slice(2), PEOPLE.slice(7), ['BOX2']), fc.nat(), (a, b, seed) => {
        const ta = play('tabaaaa1', a, 0, 10_000);
        const tb = play('tabbbbb2', b, 5_000, 10_000);
        const merged = shuffle([...ta.entries, ...tb.entries], seed);
        expect(conflicts(merged, round)).toEqual([]);
        const book = readTubes(merged, round);
        for (const t of [ta, tb]) for (const [code, tube] of readTubes(t.entries, round).tubes) expect(book.tubes.get(code)).toEqual(tube);
      })
    );
  });
});
