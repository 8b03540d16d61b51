/**
 * Positive pooled tube tracing (混管追阳): the lab reports a tube positive, and the people in
 * it must be found in seconds, each marked reached, isolated or retested as the work goes on.
 *
 * Entries: `tube-result` (subject = tube = the tube barcode, outcome = positive | negative)
 * and `trace` (subject = person id, tube = the tube barcode, outcome = a trace status), both
 * with the round. The people of a tube are its accepted, unvoided samples, re-swabs included.
 *
 * Invariant: a pure function of the set of entries. Where several results or statuses exist
 * (tablets apart, or a status moved on), the latest wins under the total order (at, id), so
 * every tablet shows the same status whatever order the entries arrived in; a voided status
 * falls back to the one before it.
 */
import { byTimeThenId, voidedIds } from '$lib/core/entries';
import type { Round } from '$lib/core/round';
import { TRACE_STATUSES, TUBE_RESULTS, type Entry, type Outcome, type Person, type TraceStatus, type TubeResult } from '$lib/core/types';

/** One person of a traced tube. */
export interface TracedPerson {
  subject: string;
  /** Their roster row; absent for someone sampled who is not on the roster. */
  person?: Person;
  /** Their sample(s) in this tube, in (at, id) order. */
  samples: Entry[];
  /** The latest trace status, and the entry that set it. */
  status?: TraceStatus;
  statusEntry?: Entry;
}

/** A tube and its people, in the order they were sampled. */
export interface TubeTrace {
  tube: string;
  /** The latest lab result, if any. */
  result?: TubeResult;
  resultEntry?: Entry;
  people: TracedPerson[];
}

const isIn = <T extends Outcome>(set: readonly T[], o: Outcome | undefined): o is T => o !== undefined && (set as readonly Outcome[]).includes(o);

const later = (e: Entry, than: Entry | undefined) => !than || byTimeThenId(e, than) > 0;

/** The people of `tube` in `round`, with their trace status and the tube's result. */
export function traceTube(entries: Iterable<Entry>, round: Pick<Round, 'id'>, tube: string, roster?: ReadonlyMap<string, Person>): TubeTrace {
  const list = [...entries];
  const voided = voidedIds(list);
  const out: TubeTrace = { tube, people: [] };
  const people = new Map<string, TracedPerson>();
  const statuses = new Map<string, Entry>();
  for (const e of list) {
    if (e.round !== round.id || e.tube !== tube || e.verdict !== 'accepted' || voided.has(e.id)) continue;
    if (e.kind === 'sample') {
      const p = people.get(e.subject);
      if (p) p.samples.push(e);
      else people.set(e.subject, { subject: e.subject, samples: [e] });
    } else if (e.kind === 'trace' && isIn(TRACE_STATUSES, e.outcome)) {
      if (later(e, statuses.get(e.subject))) statuses.set(e.subject, e);
    } else if (e.kind === 'tube-result' && isIn(TUBE_RESULTS, e.outcome) && later(e, out.resultEntry)) {
      out.result = e.outcome;
      out.resultEntry = e;
    }
  }
  for (const p of people.values()) {
    p.samples.sort(byTimeThenId);
    const s = statuses.get(p.subject);
    if (s) {
      p.status = s.outcome as TraceStatus;
      p.statusEntry = s;
    }
    const person = roster?.get(p.subject);
    if (person) p.person = person;
    out.people.push(p);
  }
  out.people.sort((a, b) => byTimeThenId(a.samples[0]!, b.samples[0]!));
  return out;
}

/** The tubes of the round whose latest result is positive, sorted by barcode. */
export function positiveTubes(entries: Iterable<Entry>, round: Pick<Round, 'id'>): string[] {
  const list = [...entries];
  const voided = voidedIds(list);
  const latest = new Map<string, Entry>();
  for (const e of list) {
    if (e.kind !== 'tube-result' || e.round !== round.id || !e.tube || e.verdict !== 'accepted' || voided.has(e.id)) continue;
    if (isIn(TUBE_RESULTS, e.outcome) && later(e, latest.get(e.tube))) latest.set(e.tube, e);
  }
  return [...latest].filter(([, e]) => e.outcome === 'positive').map(([tube]) => tube).sort();
}
