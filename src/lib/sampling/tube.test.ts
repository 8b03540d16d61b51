import { describe, expect, it } from 'vitest';
import { readTubes, staleTubes, type TubeStatus } from './tube';
import { conflicts } from './tube-conflicts';
import { judgeBoxAdd, judgeBoxSeal, judgeSample, judgeSeal, judgeTubeScan, judgeUndo } from './tube-rules';
import { makeRound, TabletRecorder } from '$lib/core/sampling-builders';

// One tablet's tubes: the fold, the recorder's rules, a clock that steps back, stale tubes.
// Two tablets' tubes merged are in tube-merge.test.ts.

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
