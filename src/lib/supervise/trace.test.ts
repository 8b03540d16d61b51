import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { positiveTubes, traceTube } from './trace';
import { makeRound, TabletRecorder } from '$lib/core/sampling-builders';
import { makePerson } from '$lib/core/builders';

const round = makeRound();

describe('traceTube', () => {
  function site() {
    const rec = new TabletRecorder('reco00001', round);
    const sup = new TabletRecorder('supe00001', round, 'recorder', Date.UTC(2026, 10, 22, 6));
    const people = Array.from({ length: 10 }, (_, i) => `p${i}`);
    rec.open('T001');
    for (const p of people) rec.sample(p, 'T001');
    rec.seal('T001');
    rec.open('T002');
    rec.sample('q1', 'T002');
    const wrong = rec.sample('q2', 'T002');
    rec.void(wrong);
    rec.sample('p3', 'T002', 'swab-spoiled');
    rec.record({ kind: 'sample', subject: 'q3', tube: 'T002', round: 'rnd2' });
    return { rec, sup, people };
  }

  it('lists exactly the people of the tube, in the order they were sampled, with their roster rows', () => {
    const { rec, people } = site();
    const roster = new Map([['p0', makePerson({ id: 'p0', room: '1201' })]]);
    const t1 = traceTube(rec.entries, round, 'T001', roster);
    expect(t1.people.map((p) => p.subject)).toEqual(people);
    expect(t1.people[0]!.person?.room).toBe('1201');
    expect(t1.people[1]!.person).toBeUndefined();
    // A voided sample and another round's sample are not in it; a re-swab is.
    expect(traceTube(rec.entries, round, 'T002').people.map((p) => p.subject)).toEqual(['q1', 'p3']);
    expect(traceTube(rec.entries, round, 'T404').people).toEqual([]);
  });

  it('takes the latest result and trace status, whatever order the entries arrive in', () => {
    const { rec, sup } = site();
    sup.result('T001', 'negative');
    const positive = sup.result('T001', 'positive');
    sup.trace('p1', 'T001', 'reached');
    const isolated = sup.trace('p1', 'T001', 'isolated');
    const reached = sup.trace('p2', 'T001', 'reached');
    const undone = sup.trace('p2', 'T001', 'retested');
    sup.void(undone, 'wrong-person');
    sup.trace('p3', 'T001', 'not-home'); // not a trace status: ignored
    const all = [...rec.entries, ...sup.entries];
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: all.length }), (shuffled) => {
        const t = traceTube(shuffled, round, 'T001');
        expect(t).toMatchObject({ result: 'positive', resultEntry: positive });
        expect(t.people.find((p) => p.subject === 'p1')).toMatchObject({ status: 'isolated', statusEntry: isolated });
        expect(t.people.find((p) => p.subject === 'p2')).toMatchObject({ status: 'reached', statusEntry: reached });
        expect(t.people.find((p) => p.subject === 'p3')?.status).toBeUndefined();
        expect(t.people).toHaveLength(10);
        expect(positiveTubes(shuffled, round)).toEqual(['T001']);
      }),
      { numRuns: 50 }
    );
  });

  it('breaks a tie of equal times by id, the same on every tablet', () => {
    const a = new TabletRecorder('aaaa00001', round, 'recorder', 5_000);
    const b = new TabletRecorder('bbbb00001', round, 'recorder', 5_000);
    a.sample('p1', 'T001');
    b.trace('p1', 'T001', 'reached');
    const winner = a.trace('p1', 'T001', 'isolated');
    expect(winner.at).toBe(b.entries[0]!.at + 12_000);
    const b2 = b.trace('p1', 'T001', 'retested');
    expect(b2.at).toBe(winner.at);
    for (const order of [[...a.entries, ...b.entries], [...b.entries, ...a.entries]]) {
      expect(traceTube(order, round, 'T001').people[0]).toMatchObject({ status: 'retested', statusEntry: b2 });
    }
  });
});
