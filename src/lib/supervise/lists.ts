/**
 * Pure helpers of the supervisor's screens and the door-to-door team: what each visit found,
 * the order a team works down its list, and the rows of the exported lists. No runes, no
 * storage: the screens' state classes call these on the entries of a round.
 */
import { byTimeThenId, voidedIds } from '$lib/core/entries';
import { maskName } from '$lib/roster/roster';
import { writeTags } from '$lib/roster/tags';
import type { MarkedPerson } from '$lib/supervise/marked-people';
import type { TubeTrace } from '$lib/supervise/trace';
import type { Round } from '$lib/core/round';
import { VISIT_OUTCOMES, type Entry, type Outcome, type Person, type TraceStatus, type VisitOutcome } from '$lib/core/types';

const isVisitOutcome = (o: Outcome | undefined): o is VisitOutcome => o !== undefined && (VISIT_OUTCOMES as readonly Outcome[]).includes(o);

/**
 * The latest door-to-door visit per person in the round (accepted, unvoided `visit` entries
 * with a visit outcome). Latest under (at, id), so every tablet agrees whatever the order
 * the entries arrived in.
 */
export function latestVisits(entries: Iterable<Entry>, round: Pick<Round, 'id'>): Map<string, Entry> {
  const list = [...entries];
  const voided = voidedIds(list);
  const out = new Map<string, Entry>();
  for (const e of list) {
    if (e.kind !== 'visit' || e.round !== round.id || e.verdict !== 'accepted' || voided.has(e.id) || !isVisitOutcome(e.outcome)) continue;
    const seen = out.get(e.subject);
    if (!seen || byTimeThenId(e, seen) > 0) out.set(e.subject, e);
  }
  return out;
}

/**
 * A door-to-door team's list: the missing people of its buildings, those of a special group
 * (who most often cannot come down) first, each part keeping the walking order it was given.
 */
export function visitQueue(missing: readonly Person[], buildings: ReadonlySet<string>): Person[] {
  const mine = missing.filter((p) => buildings.has(p.building));
  return [...mine.filter((p) => p.tags.length > 0), ...mine.filter((p) => p.tags.length === 0)];
}

/** The columns of an exported missing list, in the screen's language. */
export interface MissingLabels {
  building: string;
  unit: string;
  room: string;
  name: string;
  phone: string;
  tags: string;
  id: string;
}

/** The missing list as a table (header first): masked names, phones as on the roster. */
export function missingTable(people: readonly Person[], labels: MissingLabels): string[][] {
  const rows = [[labels.building, labels.unit, labels.room, labels.name, labels.phone, labels.tags, labels.id]];
  for (const p of people) rows.push([p.building, p.unit, p.room, maskName(p.name), p.phone, writeTags(p.tags), p.id]);
  return rows;
}

/** The columns of an exported list of people kept apart (not on the roster, not sampled). */
export interface MarkedLabels extends MissingLabels {
  tube: string;
  /** Shown in place of the address of someone who has no roster row. */
  notOnRoster: string;
}

/**
 * A list kept apart as a table (header first): the address and masked name where the person
 * has a roster row, the tubes they were sampled into (a re-swab adds one), their id.
 */
export function markedTable(people: readonly MarkedPerson[], labels: MarkedLabels): string[][] {
  const rows = [[labels.building, labels.unit, labels.room, labels.name, labels.phone, labels.tags, labels.tube, labels.id]];
  for (const x of people) {
    const p = x.person;
    const where = p ? [p.building, p.unit, p.room, maskName(p.name), p.phone, writeTags(p.tags)] : [labels.notOnRoster, '', '', '', '', ''];
    const tubes = [...new Set(x.samples.map((e) => e.tube ?? ''))].filter(Boolean).join(' ');
    rows.push([...where, tubes, x.subject]);
  }
  return rows;
}

/** The columns of an exported tracing list. */
export interface TraceLabels extends MissingLabels {
  tube: string;
  status: string;
  /** The word for each status, and for none yet. */
  statusText: (status: TraceStatus | undefined) => string;
  /** Shown in place of the address of someone sampled who is not on the roster. */
  notOnRoster: string;
}

/** A positive tube's people as a table (header first), in the order they were sampled. */
export function traceTable(trace: TubeTrace, labels: TraceLabels): string[][] {
  const rows = [[labels.tube, labels.building, labels.unit, labels.room, labels.name, labels.phone, labels.tags, labels.status, labels.id]];
  for (const t of trace.people) {
    const p = t.person;
    const where = p ? [p.building, p.unit, p.room, maskName(p.name), p.phone, writeTags(p.tags)] : [labels.notOnRoster, '', '', '', '', ''];
    rows.push([trace.tube, ...where, labels.statusText(t.status), t.subject]);
  }
  return rows;
}
