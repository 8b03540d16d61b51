import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeEntry, makePerson } from '$lib/core/builders';
import { makeRound, TabletRecorder } from '$lib/core/sampling-builders';
import type { Entry } from '$lib/core/types';
import { checkInFields, judgeCheckIn, judgeSticker, NO_HISTORY, personOfCode, roundHistory, stickerFields, type GuideCode } from './check-in';

const round = makeRound({ id: 'rnd3' });
const ann = makePerson({ id: 'ann00001', name: '安娜' });
const roster = new Map([[ann.id, ann]]);
const lookup = (id: string) => roster.get(id);
const code = (personId: string): GuideCode => ({ kind: 'person', text: `BST:SITE0001:${personId.toUpperCase()}`, personId });

describe('personOfCode', () => {
  it('finds a person of the roster, and refuses a label, another site and someone not on the roster', () => {
    expect(personOfCode(code(ann.id), lookup)).toEqual({ kind: 'person', person: ann });
    expect(personOfCode({ kind: 'label', text: 'HELLO' }, lookup)).toEqual({ kind: 'refused', reason: 'unknown-code', text: 'HELLO' });
    expect(personOfCode({ kind: 'other-site', text: 'BST:ELSE0001:ANN00001', siteId: 'else0001' }, lookup)).toMatchObject({ reason: 'other-site' });
    expect(personOfCode(code('nobody01'), lookup)).toMatchObject({ kind: 'refused', reason: 'not-on-roster', text: 'BST:SITE0001:NOBODY01' });
  });

  it('keeps at most 64 characters of a refused code', () => {
    expect(personOfCode({ kind: 'label', text: 'x'.repeat(300) }, lookup)).toMatchObject({ text: 'x'.repeat(64) });
  });
});

describe('judgeCheckIn', () => {
  const tablet = () => new TabletRecorder('tab00001', round, 'guide');

  it('is green for a first check-in, amber once checked in, amber (sampled) once sampled', () => {
    const t = tablet();
    expect(judgeCheckIn(ann, NO_HISTORY)).toMatchObject({ kind: 'accepted', person: ann, registered: false });
    const first = t.checkIn(ann.id);
    expect(judgeCheckIn(ann, roundHistory(t.entries, ann.id, round))).toMatchObject({ kind: 'duplicate', why: 'checked-in', first });
    const sample = t.sample(ann.id, 'TA-0001');
    expect(judgeCheckIn(ann, roundHistory(t.entries, ann.id, round))).toMatchObject({ kind: 'duplicate', why: 'sampled', first: sample });
  });

  it('forgets a voided check-in, amber ones and another round', () => {
    const t = tablet();
    t.void(t.checkIn(ann.id));
    t.record({ kind: 'check-in', subject: ann.id, verdict: 'duplicate' });
    t.record({ kind: 'check-in', subject: ann.id, round: 'other' });
    expect(judgeCheckIn(ann, roundHistory(t.entries, ann.id, round)).kind).toBe('accepted');
  });

  it('records the person, the verdict and, for someone registered here, the reason not-on-roster', () => {
    expect(checkInFields(judgeCheckIn(ann, NO_HISTORY))).toEqual({ kind: 'check-in', subject: ann.id, verdict: 'accepted' });
    expect(checkInFields(judgeCheckIn(ann, NO_HISTORY, true))).toEqual({ kind: 'check-in', subject: ann.id, verdict: 'accepted', reason: 'not-on-roster' });
    const refusal = personOfCode({ kind: 'label', text: 'HELLO' }, lookup);
    if (refusal.kind !== 'refused') throw new Error('not refused');
    expect(checkInFields(refusal)).toEqual({ kind: 'check-in', subject: 'HELLO', verdict: 'refused', reason: 'unknown-code' });
  });
});

describe('judgeSticker', () => {
  it('is green for the first sticker of the round and amber for a second', () => {
    const t = new TabletRecorder('tab00001', round, 'guide');
    expect(judgeSticker(roundHistory(t.entries, ann.id, round))).toEqual({ kind: 'accepted' });
    const first = t.sticker(ann.id);
    const verdict = judgeSticker(roundHistory(t.entries, ann.id, round));
    expect(verdict).toEqual({ kind: 'duplicate', first });
    expect(stickerFields(ann, verdict)).toEqual({ kind: 'sticker', subject: ann.id, verdict: 'duplicate' });
  });
});

describe('the guide rules over any history', () => {
  // Random entries of two people in two rounds, some amber or red, some voided, in any order.
  const entryArb = fc.record({
    kind: fc.constantFrom('check-in', 'sample', 'sticker', 'tube-open') as fc.Arbitrary<Entry['kind']>,
    subject: fc.constantFrom(ann.id, 'bob00001'),
    round: fc.constantFrom('rnd3', 'rnd2'),
    verdict: fc.constantFrom('accepted', 'accepted', 'duplicate', 'refused') as fc.Arbitrary<Entry['verdict']>,
    voided: fc.boolean()
  });
  const historyArb = fc.array(entryArb, { maxLength: 12 }).map((specs) => {
    const entries: Entry[] = [];
    specs.forEach((s, i) => {
      const e = makeEntry({ id: `tab00001:${i * 2 + 1}`, kind: s.kind, subject: s.subject, round: s.round, verdict: s.verdict, station: 'guide', at: 1000 + i });
      entries.push(e);
      if (s.voided) entries.push(makeEntry({ id: `tab00001:${i * 2 + 2}`, kind: 'void', subject: s.subject, voids: e.id, round: s.round, at: 1000 + i }));
    });
    return { specs, entries };
  });
  const shuffledArb = historyArb.chain((h) => fc.shuffledSubarray(h.entries, { minLength: h.entries.length }).map((shuffled) => ({ ...h, shuffled })));

  it('is amber exactly when the round holds an accepted, unvoided check-in or sample of the person, whatever the order', () => {
    fc.assert(
      fc.property(shuffledArb, ({ specs, shuffled }) => {
        const live = specs.filter((s) => s.subject === ann.id && s.round === 'rnd3' && s.verdict === 'accepted' && !s.voided);
        const before = roundHistory(shuffled, ann.id, round);
        const checkedOrSampled = live.some((s) => s.kind === 'check-in' || s.kind === 'sample');
        expect(judgeCheckIn(ann, before).kind).toBe(checkedOrSampled ? 'duplicate' : 'accepted');
        expect(judgeSticker(before).kind).toBe(live.some((s) => s.kind === 'sticker') ? 'duplicate' : 'accepted');
      })
    );
  });
});
