import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coverage, missingList, type CoverageCounts } from './coverage';
import { checkedInNotSampled, notOnRoster } from './marked-people';
import { disagreements, reconcile } from './reconcile';
import { makeDemoRoster, seededRandom } from '$lib/roster/demo-roster';
import { makeRound, TabletRecorder } from '$lib/core/sampling-builders';
import { makePerson } from '$lib/core/builders';
import { PERSON_TAGS, type Entry, type Person } from '$lib/core/types';

const round = makeRound();

/**
 * A round at a site: a guide checks people in and hands out stickers, a recorder samples most
 * of them (some without a check-in), the door-to-door team samples a few at home, some
 * samples are voided, some entries belong to another round, some sampled people are not on
 * the roster, and a few people are registered at the guide (`registered`: they are on the
 * tablets' roster, but their check-in says `not-on-roster`). All chosen by a seeded random
 * function.
 */
function playRound(roster: Person[], seed: number, registered: Person[] = []) {
  const random = seededRandom(seed);
  const guide = new TabletRecorder('guide0001', round, 'guide', 0, 1_000);
  const recorder = new TabletRecorder('reco00001', round, 'recorder', 0, 1_000);
  const home = new TabletRecorder('home00001', round, 'homeVisit', 0, 1_000);
  const earlier = new TabletRecorder('reco00001', { id: 'rnd2' }, 'recorder', 0, 1_000);
  for (const p of roster) {
    const x = random();
    if (x < 0.75) guide.checkIn(p.id);
    if (x < 0.7) guide.sticker(p.id);
    if (x < 0.68 || (x > 0.8 && x < 0.85)) recorder.sample(p.id, `T${Math.floor(x * 1000)}`);
    else if (x > 0.9 && x < 0.93) home.sample(p.id, 'H001');
    if (x > 0.6 && x < 0.62) recorder.void(recorder.sample(p.id, 'T999'));
    if (x > 0.95) earlier.sample(p.id, 'T001');
  }
  for (let i = 0; i < 5; i++) {
    recorder.sample(`visitor${i}`, 'T001');
    if (i < 2) guide.checkIn(`visitor${i}`);
  }
  guide.checkIn('walkaway');
  registered.forEach((p, i) => {
    guide.record({ kind: 'check-in', subject: p.id, reason: 'not-on-roster' });
    if (i % 2 === 0) recorder.sample(p.id, 'T002');
  });
  return [...guide.entries, ...recorder.entries, ...home.entries, ...earlier.entries];
}

const live = (entries: Entry[]) => (e: Entry) => e.round === round.id && e.verdict === 'accepted' && !entries.some((v) => v.kind === 'void' && v.voids === e.id);
/** Registered at the point in this round: a live entry of theirs says `not-on-roster`. */
const isRegistered = (p: Person, entries: Entry[]) => entries.some((e) => e.subject === p.id && e.reason === 'not-on-roster' && live(entries)(e));

/** The slow, obvious count: for each person on the roster proper, look through every entry. */
function naiveCount(everyone: Person[], entries: Entry[]): CoverageCounts {
  const people = everyone.filter((p) => !isRegistered(p, entries));
  const has = (p: Person, kind: string) => entries.some((e) => e.kind === kind && e.subject === p.id && live(entries)(e));
  const sampled = people.filter((p) => has(p, 'sample')).length;
  return { roster: people.length, checkedIn: people.filter((p) => has(p, 'check-in')).length, sampled, missing: people.length - sampled };
}

describe('coverage', () => {
  const residents = makeDemoRoster(seededRandom(3), 600);
  // Registered at the guide: on the tablets' roster, in a building like anyone, two sampled.
  const registered = [1, 2, 3].map((i) => makePerson({ id: `reg${i}`, name: `登记${i}`, building: '2栋', unit: '3单元', room: `99${i}` }));
  const roster = [...residents, ...registered];
  const entries = playRound(residents, 11, registered);
  const c = coverage(roster, entries, round);

  it('equals a naive count for the site, every building, every unit and every special group', () => {
    const pick = ({ roster, checkedIn, sampled, missing }: CoverageCounts) => ({ roster, checkedIn, sampled, missing });
    expect(pick(c)).toEqual(naiveCount(roster, entries));
    expect(c.buildings.map((b) => b.building)).toEqual(['1栋', '2栋', '3栋', '4栋']);
    for (const b of c.buildings) {
      expect(pick(b)).toEqual(naiveCount(roster.filter((p) => p.building === b.building), entries));
      for (const u of b.units) expect(pick(u)).toEqual(naiveCount(roster.filter((p) => p.building === b.building && p.unit === u.unit), entries));
      for (const t of PERSON_TAGS) expect(b.tags[t]).toEqual(naiveCount(roster.filter((p) => p.building === b.building && p.tags.includes(t)), entries));
    }
    expect(c.roster).toBe(residents.length);
    expect(c.sampled).toBeGreaterThan(0);
    expect(c.missing).toBeGreaterThan(0);
    expect(c.tags.elderly.roster).toBeGreaterThan(0);
  });

  it('is the same in any order of entries', () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const random = seededRandom(seed);
        const shuffled = [...entries].sort(() => random() - 0.5);
        expect(coverage(roster, shuffled, round)).toEqual(c);
      }),
      { numRuns: 20 }
    );
  });

  it('lists exactly the people not sampled, filtered, in walking order', () => {
    const naive = (keep: (p: Person) => boolean) => roster.filter((p) => keep(p) && naiveCount([p], entries).missing === 1).map((p) => p.id).sort();
    const ids = (people: Person[]) => people.map((p) => p.id).sort();
    expect(ids(missingList(roster, entries, round))).toEqual(naive(() => true));
    expect(missingList(roster, entries, round)).toHaveLength(c.missing);
    const inUnit = missingList(roster, entries, round, { building: '2栋', unit: '3单元' });
    expect(ids(inUnit)).toEqual(naive((p) => p.building === '2栋' && p.unit === '3单元'));
    const rooms = inUnit.map((p) => Number(p.room));
    expect(rooms).toEqual([...rooms].sort((a, b) => a - b));
    expect(ids(missingList(roster, entries, round, { tags: ['bedridden', 'elderly'] }))).toEqual(naive((p) => p.tags.includes('bedridden') || p.tags.includes('elderly')));
  });

  it('lists apart those not on the roster: registered at the guide (sampled or not) and sampled with no roster row', () => {
    const apart = notOnRoster(roster, entries, round);
    // Registered people first, in walking order, with their roster row; then the unknown ids.
    expect(apart.map((m) => m.subject)).toEqual(['reg1', 'reg2', 'reg3', 'visitor0', 'visitor1', 'visitor2', 'visitor3', 'visitor4']);
    expect(apart.map((m) => m.samples.map((e) => e.tube))).toEqual([['T002'], [], ['T002'], ['T001'], ['T001'], ['T001'], ['T001'], ['T001']]);
    expect(apart[1]).toMatchObject({ person: registered[1], checkIns: [{ reason: 'not-on-roster' }] });
    expect(apart[3]?.person).toBeUndefined();
    // Filtered by building: only those with an address there.
    expect(notOnRoster(roster, entries, round, { building: '2栋' }).map((m) => m.subject)).toEqual(['reg1', 'reg2', 'reg3']);
    expect(notOnRoster(roster, entries, round, { building: '1栋' })).toEqual([]);
  });

  it('lists apart the checked in not sampled, the registered one among them', () => {
    const waiting = checkedInNotSampled(roster, entries, round);
    const simple = (p: Person) => entries.some((e) => e.subject === p.id && e.kind === 'check-in' && live(entries)(e)) && !entries.some((e) => e.subject === p.id && e.kind === 'sample' && live(entries)(e));
    expect(waiting.map((m) => m.subject).sort()).toEqual([...roster.filter(simple).map((p) => p.id), 'walkaway'].sort());
    expect(waiting.map((m) => m.subject)).toContain('reg2');
    expect(waiting.at(-1)).toMatchObject({ subject: 'walkaway', samples: [] });
    expect(waiting.at(-1)?.person).toBeUndefined();
  });

  it('keeps a registered person out of the roster counts and the missing list, unless the registration is voided', () => {
    const twoB = c.buildings.find((b) => b.building === '2栋')!;
    expect(twoB.roster).toBe(residents.filter((p) => p.building === '2栋').length);
    expect(missingList(roster, entries, round).some((p) => p.id.startsWith('reg'))).toBe(false);
    const guide = new TabletRecorder('guide0002', round, 'guide');
    const mistaken = entries.filter((e) => e.subject === 'reg2' && e.reason === 'not-on-roster');
    const voided = [...entries, ...mistaken.map((e) => guide.void(e))];
    expect(notOnRoster(roster, voided, round).map((m) => m.subject)).not.toContain('reg2');
    expect(missingList(roster, voided, round).map((p) => p.id)).toContain('reg2');
    expect(coverage(roster, voided, round).roster).toBe(residents.length + 1);
  });
});

describe('reconcile', () => {
  it('compares stickers with people sampled, and tubes opened, sealed and boxed, per tablet', () => {
    const guide = new TabletRecorder('guide0001', round, 'guide');
    const rec = new TabletRecorder('reco00001', round, 'recorder');
    for (const p of ['p1', 'p2', 'p3']) {
      guide.checkIn(p);
      guide.sticker(p);
    }
    guide.void(guide.sticker('p3'));
    rec.open('T001');
    rec.sample('p1', 'T001');
    rec.sample('p2', 'T001');
    rec.sample('p1', 'T001', 'swab-spoiled');
    rec.seal('T001');
    rec.open('T002');
    rec.sample('p3', 'T002');
    rec.boxAdd('BOX1', 'T001');
    const r = reconcile([...rec.entries, ...guide.entries], round);
    expect(r.rows).toEqual([
      { device: 'guide0001', station: 'guide', checkIns: 3, stickers: 3, samples: 0, peopleSampled: 0, tubesOpened: 0, tubesSealed: 0, tubesBoxed: 0, boxesSealed: 0 },
      { device: 'reco00001', station: 'recorder', checkIns: 0, stickers: 0, samples: 4, peopleSampled: 3, tubesOpened: 2, tubesSealed: 1, tubesBoxed: 1, boxesSealed: 0 }
    ]);
    expect(r.total).toMatchObject({ stickers: 3, peopleSampled: 3, tubesOpened: 2, tubesSealed: 1, tubesBoxed: 1 });
    // One shift: the first three entries of each tablet (their clocks run alike).
    const shift = reconcile([...rec.entries, ...guide.entries], round, { from: 0, to: rec.entries[3]!.at });
    expect(shift.total).toMatchObject({ checkIns: 2, stickers: 1, tubesOpened: 1, samples: 2 });
  });

  it('flags only the numbers that should agree: a guide tablet\'s stickers against the whole round\'s people, tubes left open or not boxed', () => {
    const guide = new TabletRecorder('guide0001', round, 'guide');
    const rec = new TabletRecorder('reco00001', round, 'recorder');
    for (const p of ['p1', 'p2']) guide.sticker(p);
    rec.open('T001');
    rec.sample('p1', 'T001');
    rec.sample('p2', 'T001');
    rec.seal('T001');
    const r = reconcile([...guide.entries, ...rec.entries], round);
    // Each tablet did its own part right; the tube is not boxed yet.
    expect(r.rows.map((row) => disagreements(row, false))).toEqual([
      { stickers: false, sealed: false, boxed: false },
      { stickers: false, sealed: false, boxed: false }
    ]);
    expect(disagreements(r.total, true)).toEqual({ stickers: false, sealed: false, boxed: true });
    rec.boxAdd('BOX1', 'T001');
    rec.open('T002');
    guide.sticker('p3');
    const later = reconcile([...guide.entries, ...rec.entries], round);
    expect(disagreements(later.total, true)).toEqual({ stickers: true, sealed: true, boxed: false });
    expect(disagreements(later.rows[1]!, false)).toEqual({ stickers: false, sealed: true, boxed: false });
  });
});
