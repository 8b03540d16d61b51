import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readTubes, staleTubes, type TubeStatus } from './tube';
import { CONFLICT_KINDS, conflicts } from './tube-conflicts';
import { judgeBoxAdd, judgeBoxSeal, judgeSample, judgeSeal, judgeTubeScan, judgeUndo } from './tube-rules';
import { makeRound, TabletRecorder } from '$lib/core/sampling-builders';
import { seededRandom } from '$lib/roster/demo-roster';
import type { Entry } from '$lib/core/types';

const round = makeRound({ pooling: 5 });
const MINUTE = 60_000;

describe('readTubes', () => {
  it('walks a tube open → full → sealed → boxed', () => {
    const t = new TabletRecorder('tabaaaa1', round);
    const status = (): TubeStatus | undefined => readTubes(t.entries, round).tubes.get('T100')?.status;
    t.open('T100');
    expect(status()).toBe('open');
    for (const p of ['p1', 'p2', 'p3', 'p4']) t.sample(p, 'T100');
    expect(status()).toBe('open');
    t.sample('p5', 'T100');
    expect(status()).toBe('full');
    t.seal('T100');
    expect(status()).toBe('sealed');
    t.boxAdd('BOX1', 'T100');
    expect(status()).toBe('boxed');
    const book = readTubes(t.entries, round);
    expect(book.tubes.get('T100')!.samples.map((e) => e.subject)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(book.boxes.get('BOX1')).toMatchObject({ status: 'open', adds: [expect.objectContaining({ tube: 'T100' })] });
    expect(book.samplesOf.get('p3')).toHaveLength(1);
  });

  it('ignores other rounds, refused entries and voided ones, even when the void arrives first', () => {
    const t = new TabletRecorder('tabaaaa1', round);
    t.open('T100');
    const wrong = t.sample('p1', 'T100');
    t.sample('p2', 'T100');
    t.record({ kind: 'sample', subject: 'p3', tube: 'T100', verdict: 'refused' });
    t.record({ kind: 'sample', subject: 'p4', tube: 'T100', round: 'other' });
    const undo = t.void(wrong);
    const tube = readTubes([undo, ...t.entries.filter((e) => e !== undo)], round).tubes.get('T100')!;
    expect(tube.samples.map((e) => e.subject)).toEqual(['p2']);
  });
});

describe('the recorder’s rules', () => {
  const tablet = () => {
    const t = new TabletRecorder('tabaaaa1', round);
    return { t, book: () => readTubes(t.entries, round) };
  };

  it('opens a tube, and refuses a used, a sealed or a malformed barcode, or a second open tube', () => {
    const { t, book } = tablet();
    expect(judgeTubeScan(book(), t.device, 'T100')).toMatchObject({ kind: 'accepted', draft: { kind: 'tube-open', subject: 'T100', tube: 'T100', round: round.id } });
    expect(judgeTubeScan(book(), t.device, 'BST:site0001:abcd1234')).toMatchObject({ kind: 'refused', reason: 'bad-tube-code' });
    expect(judgeTubeScan(book(), t.device, 'T1')).toMatchObject({ kind: 'refused', reason: 'bad-tube-code' });
    t.open('T100');
    expect(judgeTubeScan(book(), t.device, 'T100')).toMatchObject({ kind: 'duplicate', reason: 'tube-already-open' });
    expect(judgeTubeScan(book(), 'tabbbbb2', 'T100')).toMatchObject({ kind: 'refused', reason: 'tube-used' });
    expect(judgeTubeScan(book(), t.device, 'T200')).toMatchObject({ kind: 'refused', reason: 'seal-first' });
    t.sample('p1', 'T100');
    t.seal('T100');
    expect(judgeTubeScan(book(), t.device, 'T100')).toMatchObject({ kind: 'refused', reason: 'tube-sealed' });
    expect(judgeTubeScan(book(), t.device, 'T200').kind).toBe('accepted');
    expect(judgeTubeScan(readTubes(t.entries, { ...round, closedAt: round.openedAt + 1 }), t.device, 'T200')).toMatchObject({ reason: 'round-closed' });
  });

  it('takes people up to the pooling, says when full, and refuses the next', () => {
    const { t, book } = tablet();
    expect(judgeSample(book(), t.device, 'p1')).toMatchObject({ kind: 'refused', reason: 'no-open-tube' });
    t.open('T100');
    for (let i = 1; i <= 5; i++) {
      const v = judgeSample(book(), t.device, `p${i}`);
      expect(v).toMatchObject({ kind: 'accepted', count: i, capacity: 5, full: i === 5, draft: { kind: 'sample', subject: `p${i}`, tube: 'T100' } });
      if (v.kind === 'accepted') t.record(v.draft);
    }
    expect(judgeSample(book(), t.device, 'p6')).toMatchObject({ kind: 'refused', reason: 'tube-full' });
    expect(judgeSample(book(), t.device, 'p2')).toMatchObject({ kind: 'duplicate', reason: 'already-in-tube' });
  });

  it('refuses a person already in another tube, unless sampled again with a reason', () => {
    const { t, book } = tablet();
    t.open('T100');
    const first = t.sample('p1', 'T100');
    t.seal('T100');
    t.open('T200');
    expect(judgeSample(book(), t.device, 'p1')).toMatchObject({ kind: 'refused', reason: 'already-sampled', earlier: [first] });
    const again = judgeSample(book(), t.device, 'p1', 'swab-spoiled');
    expect(again).toMatchObject({ kind: 'accepted', draft: { subject: 'p1', tube: 'T200', reason: 'swab-spoiled' } });
    if (again.kind === 'accepted') t.record(again.draft);
    expect(conflicts(t.entries, round)).toEqual([]);
    // A reason for someone not sampled before is no re-swab: nothing to store.
    const fresh = judgeSample(book(), t.device, 'p9', 'swab-spoiled');
    expect(fresh.kind).toBe('accepted');
    expect(fresh.kind === 'accepted' ? fresh.draft.reason : 'refused').toBeUndefined();
  });

  it('refuses to seal an empty tube; undo voids the last person, then the opening', () => {
    const { t, book } = tablet();
    expect(judgeUndo(book(), t.device, 'scanned-by-mistake')).toMatchObject({ kind: 'refused', reason: 'nothing-to-undo' });
    const open = t.open('T100');
    expect(judgeSeal(book(), t.device)).toMatchObject({ kind: 'refused', reason: 'tube-empty' });
    t.sample('p1', 'T100');
    const last = t.sample('p2', 'T100');
    const undo = judgeUndo(book(), t.device, 'wrong-person');
    expect(undo).toMatchObject({ kind: 'accepted', undoes: last, draft: { kind: 'void', voids: last.id, reason: 'wrong-person' } });
    if (undo.kind === 'accepted') t.record(undo.draft);
    expect(book().tubes.get('T100')!.samples.map((e) => e.subject)).toEqual(['p1']);
    expect(judgeSample(book(), t.device, 'p2').kind).toBe('accepted'); // undone: not sampled
    t.void(t.entries.find((e) => e.subject === 'p1')!);
    expect(judgeUndo(book(), t.device, 'scanned-by-mistake')).toMatchObject({ kind: 'accepted', undoes: open });
    expect(judgeSeal(book(), t.device)).toMatchObject({ kind: 'refused', reason: 'tube-empty' });
  });

  it('boxes only sealed tubes, once, and seals only a box with tubes', () => {
    const { t, book } = tablet();
    t.open('T100');
    t.sample('p1', 'T100');
    expect(judgeBoxAdd(book(), 'BOX1', 'T100')).toMatchObject({ kind: 'refused', reason: 'tube-not-sealed' });
    expect(judgeBoxAdd(book(), 'BOX1', 'T999')).toMatchObject({ kind: 'refused', reason: 'tube-unknown' });
    expect(judgeBoxAdd(book(), 'T100', 'T100')).toMatchObject({ kind: 'refused', reason: 'bad-box-code' });
    expect(judgeBoxSeal(book(), 'BOX1')).toMatchObject({ kind: 'refused', reason: 'box-empty' });
    t.seal('T100');
    expect(judgeBoxAdd(book(), 'BOX1', 'T100')).toMatchObject({ kind: 'accepted', draft: { kind: 'box-add', subject: 'BOX1', tube: 'T100' } });
    t.boxAdd('BOX1', 'T100');
    expect(judgeBoxAdd(book(), 'BOX1', 'T100')).toMatchObject({ kind: 'duplicate', reason: 'already-in-box' });
    expect(judgeBoxAdd(book(), 'BOX2', 'T100')).toMatchObject({ kind: 'refused', reason: 'tube-in-other-box' });
    expect(judgeBoxSeal(book(), 'BOX1')).toMatchObject({ kind: 'accepted', draft: { kind: 'box-seal', subject: 'BOX1' } });
    t.boxSeal('BOX1');
    expect(judgeBoxSeal(book(), 'BOX1')).toMatchObject({ kind: 'refused', reason: 'box-sealed' });
    expect(judgeBoxAdd(book(), 'BOX1', 'T100')).toMatchObject({ kind: 'refused', reason: 'box-sealed' });
  });
});

describe('tubes when a tablet’s clock stepped back', () => {
  it('list a tube’s people in the order the tablet sampled them', () => {
    const t = new TabletRecorder('tabaaaa1', round, 'recorder', Date.UTC(2026, 10, 22, 2), -MINUTE);
    t.open('T100');
    for (const p of ['p1', 'p2', 'p3']) t.sample(p, 'T100');
    const book = readTubes(t.entries, round);
    expect(book.tubes.get('T100')!.samples.map((e) => e.subject)).toEqual(['p1', 'p2', 'p3']);
  });

  it('still find a sample put into a tube after another tablet sealed it', () => {
    const a = new TabletRecorder('tabaaaa1', round, 'recorder', Date.UTC(2026, 10, 22, 2, 0));
    a.open('T100');
    a.sample('p1', 'T100');
    const seal = a.seal('T100'); // 10:00:24
    const b = new TabletRecorder('tabbbbb2', round, 'recorder', Date.UTC(2026, 10, 22, 2, 5));
    b.open('T100'); // 10:05, apart from a
    const late = b.record({ kind: 'sample', subject: 'p2', tube: 'T100', at: Date.UTC(2026, 10, 22, 1, 10) }); // its clock stepped back an hour
    const found = conflicts([...a.entries, ...b.entries], round).filter((c) => c.kind === 'sample-after-seal');
    expect(found).toEqual([{ kind: 'sample-after-seal', key: 'T100', entries: [seal, late] }]);
  });
});

describe('staleTubes', () => {
  it('flags tubes sealed too long ago and not boxed, in any round, oldest first', () => {
    const t = new TabletRecorder('tabaaaa1', round, 'recorder', 0, MINUTE);
    for (const tube of ['T1xx', 'T2xx', 'T3xx']) {
      t.open(tube);
      t.sample(`p-${tube}`, tube);
    }
    const s1 = t.seal('T1xx'); // at 6 min
    t.seal('T2xx');
    t.boxAdd('BOX1', 'T2xx');
    const s3 = t.seal('T3xx'); // at 9 min
    const other = new TabletRecorder('tabbbbb2', { id: 'rnd2' }, 'recorder', 0, MINUTE);
    other.open('T9xx');
    const s9 = other.seal('T9xx'); // at 1 min
    const all = [...t.entries, ...other.entries];
    expect(staleTubes(all, 30 * MINUTE, 20 * MINUTE).map((s) => s.seal)).toEqual([s9, s1, s3]);
    expect(staleTubes(all, 30 * MINUTE, 22 * MINUTE).map((s) => s.tube)).toEqual(['T9xx', 'T1xx']);
    expect(staleTubes([...all, t.void(s1)], 30 * MINUTE, 22 * MINUTE).map((s) => s.tube)).toEqual(['T9xx']);
  });
});

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
