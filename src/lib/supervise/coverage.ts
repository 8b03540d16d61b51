/**
 * Coverage of the roster in one round (一张图) and the missing list (漏检).
 *
 * Algorithm: one pass over the entries collects who is sampled, who is checked in and who
 * was flagged as not on the roster (`readMarks`: accepted, unvoided `sample` and `check-in`
 * entries of the round; voids first, so order does not matter), then one pass over the roster
 * counts each person into their building, unit and special groups. O(roster + entries), with
 * maps built once: a 40,000 person roster and 40,000 entries take a few milliseconds.
 *
 * Invariants: for every area, roster = sampled + missing, checkedIn ≤ roster; the buildings
 * sum to the total; a person counts at most once however many samples they have (a re-swab,
 * a merge conflict); a home-visit sample counts like any other. People sampled or checked in
 * who are not on the roster never enter the roster counts: they are listed apart
 * (marked-people.ts). That includes a person registered at the guide: they join the tablets'
 * roster so that they can be found and sampled, but their check-in carries the reason
 * `not-on-roster`, and in that round they count apart, not as roster or as missing.
 */
import { voidedIds } from '$lib/core/entries';
import type { Round } from '$lib/core/round';
import { PERSON_TAGS, type Entry, type Person, type PersonTag } from '$lib/core/types';

/** Who is sampled and checked in during a round: person id → their entries. */
export interface RoundMarks {
  sampled: Map<string, Entry[]>;
  checkedIn: Map<string, Entry[]>;
  /** Check-ins and samples recorded with reason `not-on-roster` (registered at the point). */
  offRoster: Map<string, Entry[]>;
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

function push(into: Map<string, Entry[]>, e: Entry) {
  const mine = into.get(e.subject);
  if (mine) mine.push(e);
  else into.set(e.subject, [e]);
}

/** Collects the round's accepted, unvoided samples and check-ins, by person. */
export function readMarks(entries: Iterable<Entry>, round: Pick<Round, 'id'>): RoundMarks {
  const list = [...entries];
  const voided = voidedIds(list);
  const marks: RoundMarks = { sampled: new Map(), checkedIn: new Map(), offRoster: new Map() };
  for (const e of list) {
    if (e.round !== round.id || e.verdict !== 'accepted' || voided.has(e.id)) continue;
    const into = e.kind === 'sample' ? marks.sampled : e.kind === 'check-in' ? marks.checkedIn : undefined;
    if (!into) continue;
    push(into, e);
    if (e.reason === 'not-on-roster') push(marks.offRoster, e);
  }
  return marks;
}

/** True if `p` is in the area and groups of `filter` (absent fields do not filter). */
export function inFilter(p: Person, filter: MissingFilter): boolean {
  const tags = filter.tags && filter.tags.length > 0 ? filter.tags : undefined;
  return (
    (filter.building === undefined || p.building === filter.building) &&
    (filter.unit === undefined || p.unit === filter.unit) &&
    (!tags || p.tags.some((t) => tags.includes(t)))
  );
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
  const marks = marksOf(entries, round);
  const total: Coverage = { ...emptyArea(), buildings: [] };
  const buildings = new Map<string, { b: BuildingCoverage; units: Map<string, UnitCoverage> }>();
  for (const p of roster) {
    if (marks.offRoster.has(p.id)) continue;
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

/** The marks of `entries`, unless they are marks already (read once, shared by the lists). */
export function marksOf(entries: Iterable<Entry> | RoundMarks, round: Pick<Round, 'id'>): RoundMarks {
  return isMarks(entries) ? entries : readMarks(entries, round);
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
  const marks = marksOf(entries, round);
  return sortByAddress(roster.filter((p) => !marks.sampled.has(p.id) && !marks.offRoster.has(p.id) && inFilter(p, filter)));
}
