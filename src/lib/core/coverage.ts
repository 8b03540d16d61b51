/**
 * Coverage of the roster in one round (一张图) and the missing list (漏检).
 *
 * Algorithm: one pass over the entries collects who is sampled and who is checked in
 * (`readMarks`: accepted, unvoided `sample` and `check-in` entries of the round; voids first,
 * so order does not matter), then one pass over the roster counts each person into their
 * building, unit and special groups. O(roster + entries), with maps built once: a 40,000
 * person roster and 40,000 entries take a few milliseconds, not seconds.
 *
 * Invariants: for every area, roster = sampled + missing, checkedIn ≤ roster; the buildings
 * sum to the total; a person counts at most once however many samples they have (a re-swab,
 * a merge conflict); a home-visit sample counts like any other. People sampled or checked in
 * who are not on the roster never enter the roster counts: they are listed apart.
 */
import { voidedIds } from './gate';
import type { Round } from './round';
import { PERSON_TAGS, type Entry, type Person, type PersonTag } from './types';

/** Who is sampled and checked in during a round: person id → their entries. */
export interface RoundMarks {
  sampled: Map<string, Entry[]>;
  checkedIn: Map<string, Entry[]>;
}

/** Counts of one area (the site, a building, a unit) or one special group within it. */
export interface CoverageCounts {
  roster: number;
  checkedIn: number;
  sampled: number;
  /** On the roster and not sampled (漏检). */
  missing: number;
}

/** An area's counts, and the same counts for each special group in it. */
export interface AreaCoverage extends CoverageCounts {
  tags: Record<PersonTag, CoverageCounts>;
}

export interface UnitCoverage extends AreaCoverage {
  building: string;
  unit: string;
}

export interface BuildingCoverage extends AreaCoverage {
  building: string;
  /** In natural order (2单元 before 10单元). */
  units: UnitCoverage[];
}

/** The whole site in one round. */
export interface Coverage extends AreaCoverage {
  /** In natural order (2栋 before 10栋). */
  buildings: BuildingCoverage[];
}

/** Which people a missing list is for. Absent fields do not filter; `tags` matches any. */
export interface MissingFilter {
  building?: string;
  unit?: string;
  tags?: readonly PersonTag[];
}

/** Collects the round's accepted, unvoided samples and check-ins, by person. */
export function readMarks(entries: Iterable<Entry>, round: Pick<Round, 'id'>): RoundMarks {
  const list = [...entries];
  const voided = voidedIds(list);
  const marks: RoundMarks = { sampled: new Map(), checkedIn: new Map() };
  for (const e of list) {
    if (e.round !== round.id || e.verdict !== 'accepted' || voided.has(e.id)) continue;
    const into = e.kind === 'sample' ? marks.sampled : e.kind === 'check-in' ? marks.checkedIn : undefined;
    if (!into) continue;
    const mine = into.get(e.subject);
    if (mine) mine.push(e);
    else into.set(e.subject, [e]);
  }
  return marks;
}

const zero = (): CoverageCounts => ({ roster: 0, checkedIn: 0, sampled: 0, missing: 0 });

function emptyArea(): AreaCoverage {
  const tags = {} as Record<PersonTag, CoverageCounts>;
  for (const t of PERSON_TAGS) tags[t] = zero();
  return { ...zero(), tags };
}

function add(c: CoverageCounts, checkedIn: boolean, sampled: boolean) {
  c.roster++;
  if (checkedIn) c.checkedIn++;
  if (sampled) c.sampled++;
  else c.missing++;
}

function count(area: AreaCoverage, tags: Iterable<PersonTag>, checkedIn: boolean, sampled: boolean) {
  add(area, checkedIn, sampled);
  for (const t of tags) add(area.tags[t], checkedIn, sampled);
}

const collator = new Intl.Collator('zh', { numeric: true });

/** Coverage of the roster per building and unit, in one round. */
export function coverage(roster: readonly Person[], entries: Iterable<Entry> | RoundMarks, round: Pick<Round, 'id'>): Coverage {
  const marks = isMarks(entries) ? entries : readMarks(entries, round);
  const total: Coverage = { ...emptyArea(), buildings: [] };
  const buildings = new Map<string, { b: BuildingCoverage; units: Map<string, UnitCoverage> }>();
  for (const p of roster) {
    let b = buildings.get(p.building);
    if (!b) {
      b = { b: { ...emptyArea(), building: p.building, units: [] }, units: new Map() };
      buildings.set(p.building, b);
    }
    let u = b.units.get(p.unit);
    if (!u) {
      u = { ...emptyArea(), building: p.building, unit: p.unit };
      b.units.set(p.unit, u);
    }
    const checkedIn = marks.checkedIn.has(p.id);
    const sampled = marks.sampled.has(p.id);
    // A person with a tag twice (a hand-edited roster) still counts once in that group.
    const tags = p.tags.length > 1 ? new Set(p.tags) : p.tags;
    count(total, tags, checkedIn, sampled);
    count(b.b, tags, checkedIn, sampled);
    count(u, tags, checkedIn, sampled);
  }
  for (const { b, units } of buildings.values()) {
    b.units = [...units.values()].sort((x, y) => collator.compare(x.unit, y.unit));
    total.buildings.push(b);
  }
  total.buildings.sort((x, y) => collator.compare(x.building, y.building));
  return total;
}

function isMarks(v: Iterable<Entry> | RoundMarks): v is RoundMarks {
  return 'sampled' in v && v.sampled instanceof Map;
}

/**
 * Sorts people by building, unit and room in natural order (how a door-to-door team walks),
 * keeping roster order among equals. Ranks each distinct address part once with the
 * collator, then sorts by numbers: a full collator sort of 40,000 people is far slower.
 */
export function sortByAddress(people: readonly Person[]): Person[] {
  const rank = (values: Iterable<string>) => new Map([...new Set(values)].sort(collator.compare).map((v, i) => [v, i]));
  const b = rank(people.map((p) => p.building));
  const u = rank(people.map((p) => p.unit));
  const r = rank(people.map((p) => p.room));
  const keyed = people.map((p, i) => ({ p, i, b: b.get(p.building)!, u: u.get(p.unit)!, r: r.get(p.room)! }));
  keyed.sort((x, y) => x.b - y.b || x.u - y.u || x.r - y.r || x.i - y.i);
  return keyed.map((k) => k.p);
}

/** The people on the roster not sampled in the round, in walking order (building, unit, room). */
export function missingList(roster: readonly Person[], entries: Iterable<Entry> | RoundMarks, round: Pick<Round, 'id'>, filter: MissingFilter = {}): Person[] {
  const marks = isMarks(entries) ? entries : readMarks(entries, round);
  const tags = filter.tags && filter.tags.length > 0 ? new Set(filter.tags) : undefined;
  const out = roster.filter(
    (p) =>
      !marks.sampled.has(p.id) &&
      (filter.building === undefined || p.building === filter.building) &&
      (filter.unit === undefined || p.unit === filter.unit) &&
      (!tags || p.tags.some((t) => tags.has(t)))
  );
  return sortByAddress(out);
}

/** Someone the entries name who needs a look: their id, their roster row if any, their entries. */
export interface MarkedPerson {
  subject: string;
  person?: Person;
  entries: Entry[];
}

const byId = (roster: readonly Person[]) => new Map(roster.map((p) => [p.id, p]));
const bySubject = (a: MarkedPerson, b: MarkedPerson) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0);

/** People sampled in the round who are not on the roster (registered at the point, or another site's). */
export function sampledNotOnRoster(roster: readonly Person[], entries: Iterable<Entry> | RoundMarks, round: Pick<Round, 'id'>): MarkedPerson[] {
  const marks = isMarks(entries) ? entries : readMarks(entries, round);
  const people = byId(roster);
  const out: MarkedPerson[] = [];
  for (const [subject, samples] of marks.sampled) if (!people.has(subject)) out.push({ subject, entries: samples });
  return out.sort(bySubject);
}

/** People checked in during the round but not sampled (left the queue?), on the roster or not. */
export function checkedInNotSampled(roster: readonly Person[], entries: Iterable<Entry> | RoundMarks, round: Pick<Round, 'id'>): MarkedPerson[] {
  const marks = isMarks(entries) ? entries : readMarks(entries, round);
  const people = byId(roster);
  const out: MarkedPerson[] = [];
  for (const [subject, checkIns] of marks.checkedIn) {
    if (marks.sampled.has(subject)) continue;
    const person = people.get(subject);
    out.push(person ? { subject, person, entries: checkIns } : { subject, entries: checkIns });
  }
  return out.sort(bySubject);
}
