import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkedInNotSampled, coverage, missingList, sampledNotOnRoster, type CoverageCounts } from './coverage';
import { reconcile } from './reconcile';
import { makeDemoRoster, seededRandom } from './demo-roster';
import { makeRound, TabletRecorder } from './sampling-builders';
import { PERSON_TAGS, type Entry, type Person } from './types';

const round = makeRound();

/**
 * A round at a site: a guide checks people in and hands out stickers, a recorder samples most
 * of them (some without a check-in), the door-to-door team samples a few at home, some
 * samples are voided, some entries belong to another round, some sampled people are not on
 * the roster. All chosen by a seeded random function.
 */
function playRound(roster: Person[], seed: number) {
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
  return [...guide.entries, ...recorder.entries, ...home.entries, ...earlier.entries];
}

/** The slow, obvious count: for each person, look through every entry. */
function naiveCount(people: Person[], entries: Entry[]): CoverageCounts {
  const live = (e: Entry) => e.round === round.id && e.verdict === 'accepted' && !entries.some((v) => v.kind === 'void' && v.voids === e.id);
  const has = (p: Person, kind: string) => entries.some((e) => e.kind === kind && e.subject === p.id && live(e));
  const sampled = people.filter((p) => has(p, 'sample')).length;
  return { roster: people.length, checkedIn: people.filter((p) => has(p, 'check-in')).length, sampled, missing: people.length - sampled };
}

describe('coverage', () => {
  const roster = makeDemoRoster(seededRandom(3), 600);
  const entries = playRound(roster, 11);
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
    const naive = (keep: (p: Person) => boolean) => roster.filter((p) => keep(p) && naiveCount([p], entries).sampled === 0).map((p) => p.id).sort();
    const ids = (people: Person[]) => people.map((p) => p.id).sort();
    expect(ids(missingList(roster, entries, round))).toEqual(naive(() => true));
    expect(missingList(roster, entries, round)).toHaveLength(c.missing);
    const inUnit = missingList(roster, entries, round, { building: '2栋', unit: '3单元' });
    expect(ids(inUnit)).toEqual(naive((p) => p.building === '2栋' && p.unit === '3单元'));
    const rooms = inUnit.map((p) => Number(p.room));
    expect(rooms).toEqual([...rooms].sort((a, b) => a - b));
    expect(ids(missingList(roster, entries, round, { tags: ['bedridden', 'elderly'] }))).toEqual(naive((p) => p.tags.includes('bedridden') || p.tags.includes('elderly')));
  });

  it('lists apart the sampled not on the roster and the checked in not sampled', () => {
    expect(sampledNotOnRoster(roster, entries, round).map((m) => m.subject)).toEqual(['visitor0', 'visitor1', 'visitor2', 'visitor3', 'visitor4']);
    const waiting = checkedInNotSampled(roster, entries, round);
    const onRoster = roster.filter((p) => {
      const n = naiveCount([p], entries);
      return n.checkedIn === 1 && n.sampled === 0;
    });
    expect(waiting.map((m) => m.subject).sort()).toEqual([...onRoster.map((p) => p.id), 'walkaway'].sort());
    expect(waiting.find((m) => m.subject === 'walkaway')?.person).toBeUndefined();
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
});
