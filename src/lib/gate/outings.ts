/**
 * Household outings (Xi'an 2022: 每户每2天可指派1名家庭成员外出采购): the quota a site may
 * set (core/gate-policy.ts: N outings per D days, each at most H hours), counted over the
 * entries of every tablet, and the overdue list (逾期未归).
 *
 * Definitions, over a set of entries in any order and with any duplicates (each id counts
 * once), so every tablet holding the set gives the same answers:
 * - A household is the roster's building + unit + room (`householdOf`).
 * - A person's passes are their accepted, unvoided gate entries in the one record order of
 *   that set (core/entries.ts: a tablet's own in the order it recorded them, whatever its
 *   clock did).
 * - An outing starts at a pass out with no exemption and no supervisor override (those are
 *   counted apart, gate/tally.ts) whose previous pass is not out: a second out with no in
 *   between, which only tablets apart record (gate/conflicts.ts names the clash), belongs
 *   to the outing already open. It ends at the person's next pass in.
 * - The quota counts the household's outings started less than D × 24 h before `now`.
 *   That is a window of clock time, so it reads `at`: an outing stamped by a clock that ran
 *   ahead counts until its stamp is D days old (longer, never shorter, than it should).
 * - Overdue: a person whose outing is still open more than H hours after it started.
 */
import { byTimeThenId, inRecordOrder, voidedIds } from '$lib/core/entries';
import type { OutingQuota } from '$lib/core/gate-policy';
import type { Entry, Person } from '$lib/core/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The household a person belongs to: building, unit and room (no field can hold U+001F). */
export const householdOf = (p: Pick<Person, 'building' | 'unit' | 'room'>): string => [p.building, p.unit, p.room].join('\u001f');

/**
 * The id a household pass names (claims carry ids of [0-9a-z]{4,16}): 53 bits of two FNV-1a
 * hashes of the household, in base36. Not a secret, only a name: the pass is signed, and two
 * households of one site sharing an id (odds about 1 in 10^11 for 15,000 households) would
 * only show both families to pick from.
 */
export function householdPassId(p: Pick<Person, 'building' | 'unit' | 'room'>): string {
  const text = householdOf(p);
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return 'h' + ((a % 0x200000) * 0x100000000 + b).toString(36);
}

/** The ids of the people of `person`'s household on the roster, `person` included. */
export function householdMembers(people: Iterable<Person>, person: Person): Set<string> {
  const key = householdOf(person);
  const out = new Set<string>([person.id]);
  for (const p of people) if (householdOf(p) === key) out.add(p.id);
  return out;
}

/** An accepted gate pass out that would open an outing (not by exemption, not overridden). */
const isOutingPass = (e: Entry) => e.kind === 'gate-out' && !e.exemption && e.reason !== 'supervisor-override';

/** Each person's accepted, unvoided gate passes among `entries`, once per id, by person. */
export function passesByPerson(entries: Iterable<Entry>): Map<string, Entry[]> {
  const unique = new Map<string, Entry>();
  for (const e of entries) unique.set(e.id, e);
  const voided = voidedIds(unique.values());
  const out = new Map<string, Entry[]>();
  for (const e of unique.values()) {
    if ((e.kind !== 'gate-in' && e.kind !== 'gate-out') || e.verdict !== 'accepted' || voided.has(e.id)) continue;
    const mine = out.get(e.subject);
    if (mine) mine.push(e);
    else out.set(e.subject, [e]);
  }
  return out;
}

/** One person's outings in record order: where each started, and the pass in that ended it. */
function outingsOf(passes: readonly Entry[]): { start: Entry; end: Entry | undefined }[] {
  const out: { start: Entry; end: Entry | undefined }[] = [];
  let previous: Entry | undefined;
  for (const e of inRecordOrder(passes)) {
    const open = out.at(-1);
    if (e.kind === 'gate-in' && open && !open.end) open.end = e;
    if (isOutingPass(e) && previous?.kind !== 'gate-out') out.push({ start: e, end: undefined });
    previous = e;
  }
  return out;
}

/** The passes that started an outing among `entries` (see the header), of everyone in them. */
export function outingStarts(entries: Iterable<Entry>): Entry[] {
  return [...passesByPerson(entries).values()].flatMap((passes) => outingsOf(passes).map((o) => o.start));
}

/** Where a household stands against its quota. */
export interface QuotaState {
  /** Outings started inside the window. */
  used: number;
  /** Whether one more would pass the quota. */
  full: boolean;
  /** While full: the first moment an outing is allowed again. */
  nextAt?: number;
}

/**
 * The household's outings against `quota` at `now`. `entries` may hold anyone's gate
 * entries and voids; only those of `members` (householdMembers) count.
 */
export function quotaState(entries: Iterable<Entry>, members: ReadonlySet<string>, quota: OutingQuota, now: number): QuotaState {
  const window = quota.days * DAY;
  const mine = [...entries].filter((e) => e.kind === 'void' || members.has(e.subject));
  const times = outingStarts(mine)
    .map((e) => e.at)
    .filter((at) => now - at < window)
    .sort((a, b) => a - b);
  const used = times.length;
  if (used < quota.outings) return { used, full: false };
  // The oldest (used - N + 1) must leave the window before the count is under N.
  return { used, full: true, nextAt: times[used - quota.outings]! + window };
}

/** A person out on an outing longer than the quota allows. */
export interface OverdueOuting {
  person: string;
  /** The pass out that started it: its device (the gate), station and time. */
  left: Entry;
  /** How long past the allowed hours, at `now` (ms). */
  overdueBy: number;
}

/** Everyone whose open outing started more than `quota.hours` before `now`, longest out first. */
export function overdueOutings(entries: Iterable<Entry>, quota: OutingQuota, now: number): OverdueOuting[] {
  const allowed = quota.hours * HOUR;
  const out: OverdueOuting[] = [];
  for (const [person, passes] of passesByPerson(entries)) {
    const open = outingsOf(passes).at(-1);
    if (open && !open.end && now - open.start.at > allowed) out.push({ person, left: open.start, overdueBy: now - open.start.at - allowed });
  }
  return out.sort((a, b) => byTimeThenId(a.left, b.left));
}
