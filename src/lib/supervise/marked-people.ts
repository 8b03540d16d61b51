/**
 * The two lists a round keeps apart from the missing list (漏检):
 *
 * - **not on the roster**: people whose check-in or sample carries the reason
 *   `not-on-roster` (registered at the guide: they joined the tablets' roster so that the
 *   recorder can find them, but they are not residents of the 底册), and anyone sampled whose
 *   id is on no roster at all (a code of this site for someone since removed, a typed id);
 * - **checked in, not sampled**: people with a check-in in the round and no sample (left
 *   the queue, or a recorder tablet that has not synced yet).
 *
 * Both are pure functions of the roster and the round's marks (coverage.ts `readMarks`), so
 * they agree with the coverage counts on every tablet. A person can be on both (registered,
 * then left the queue): each list answers its own question.
 *
 * Order: people with a roster row in walking order (building, unit, room), then those with
 * none, by id; so a printed list reads like the missing list.
 */
import { inFilter, marksOf, sortByAddress, type MissingFilter, type RoundMarks } from './coverage';
import type { Round } from '$lib/core/round';
import type { Entry, Person } from '$lib/core/types';

/** Someone the entries name who needs a look: their id, their roster row if any, their entries. */
export interface MarkedPerson {
  subject: string;
  person?: Person;
  /** Their accepted, unvoided check-ins of the round (may be none). */
  checkIns: Entry[];
  /** Their accepted, unvoided samples of the round (a re-swab is a second), in entry order. */
  samples: Entry[];
}

/**
 * Keeps those in the filter's area and groups; someone with no roster row has no address,
 * so they are kept only while no building, unit or group is chosen.
 */
function keep(filter: MissingFilter) {
  const any = filter.building !== undefined || filter.unit !== undefined || (filter.tags?.length ?? 0) > 0;
  return (m: MarkedPerson) => (m.person ? inFilter(m.person, filter) : !any);
}

function ordered(list: MarkedPerson[]): MarkedPerson[] {
  const placed = new Map(list.filter((m) => m.person).map((m) => [m.person!, m]));
  const known = sortByAddress([...placed.keys()]).map((p) => placed.get(p)!);
  const unknown = list.filter((m) => !m.person).sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  return [...known, ...unknown];
}

function marked(subject: string, people: ReadonlyMap<string, Person>, marks: RoundMarks): MarkedPerson {
  const person = people.get(subject);
  const out: MarkedPerson = { subject, checkIns: marks.checkedIn.get(subject) ?? [], samples: marks.sampled.get(subject) ?? [] };
  if (person) out.person = person;
  return out;
}

/** People of the round not on the roster: flagged `not-on-roster`, or sampled with no roster row. */
export function notOnRoster(roster: readonly Person[], entries: Iterable<Entry> | RoundMarks, round: Pick<Round, 'id'>, filter: MissingFilter = {}): MarkedPerson[] {
  const marks = marksOf(entries, round);
  const people = new Map(roster.map((p) => [p.id, p]));
  const subjects = new Set(marks.offRoster.keys());
  for (const subject of marks.sampled.keys()) if (!people.has(subject)) subjects.add(subject);
  return ordered([...subjects].map((s) => marked(s, people, marks)).filter(keep(filter)));
}

/** People checked in during the round but not sampled, on the roster or not. */
export function checkedInNotSampled(roster: readonly Person[], entries: Iterable<Entry> | RoundMarks, round: Pick<Round, 'id'>, filter: MissingFilter = {}): MarkedPerson[] {
  const marks = marksOf(entries, round);
  const people = new Map(roster.map((p) => [p.id, p]));
  const out: MarkedPerson[] = [];
  for (const subject of marks.checkedIn.keys()) if (!marks.sampled.has(subject)) out.push(marked(subject, people, marks));
  return ordered(out.filter(keep(filter)));
}
