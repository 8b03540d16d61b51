/**
 * The one ordering of entries: which entry of a set came after which. Gate positions, the
 * gate's conflicts, tubes and their conflicts all ask it here, so every screen agrees.
 *
 * What we know. An id is `device:seq`, and a tablet's seq counts up in the order it recorded:
 * that is the truth for one tablet, whatever its clock said. Clocks step: a dead RTC battery,
 * a manual correction or a network time fix moves a tablet's clock back or forward by hours.
 * Across tablets, the clocks are all there is.
 *
 * Why not compare pairs. "One tablet: by seq; two tablets: by time" is not transitive: A1 at
 * 100, A2 at 50 recorded after it, B1 at 75 give A2 > A1, B1 > A2 and A1 > B1. A "latest"
 * found by comparing pairs then depends on the order the entries arrived in, and two tablets
 * holding the same set could disagree.
 *
 * Algorithm (the record order of a set S). Each entry gets an effective time, the running
 * maximum of `at` along its tablet's seq order within S:
 *   eff(e) = max { x.at : x ∈ S, device(x) = device(e), seq(x) ≤ seq(e) }
 * and S is ordered by (eff, compareIds). Invariants (entries.test.ts checks each):
 * - It is a total order and a pure function of S: every tablet holding S derives the same
 *   order, whatever order the entries arrived in.
 * - It keeps each tablet's own record order (eff never falls along a tablet's seq; ties go
 *   by seq), whatever its clock did.
 * - Where no tablet's clock stepped back within S, it is the clock order (at, id). For a pair
 *   {a, b} it is exactly "one tablet: by seq; two: by (at, id)".
 * - If every clock is within H of real time, so is every eff; so two entries of different
 *   tablets more than 2H apart in real time are ordered as they happened.
 * - The latest of S is the last-recorded entry of the tablet whose highest `at` is highest
 *   (ties by compareIds). Both are maxima, so a fold (LatestEntry) keeps the latest while
 *   entries arrive in any order, holding one entry and one time per tablet. Taking an entry
 *   out (a void) changes the maxima: fold the set again.
 *
 * S is the set a question is about (a person's passes, a tube's records), so the answer needs
 * only that set, never what else a tablet happens to have synced.
 *
 * What it cannot do: tell which of two tablets saw someone last when the two scans are closer
 * in time than the clocks' error. A tablet whose clock runs an hour slow records a pass at
 * 10:30 as 09:30, before another tablet's 10:00. Only what a tablet had seen when it recorded
 * (causal order) could say more, and entries do not carry it.
 */
import type { Entry } from './types';

/** What the ordering reads of an entry: its id (`device:seq`) and the clock time it was recorded at. */
export type Stamped = Pick<Entry, 'id' | 'at'>;

/** An entry was asked about that is not in the set its order was made from (a programmer error). */
export class NotInOrderError extends Error {
  override name = 'NotInOrderError';
}

/** Ids voided by a `void` entry among `entries`. */
export function voidedIds(entries: Iterable<Entry>): Set<string> {
  const out = new Set<string>();
  for (const e of entries) if (e.kind === 'void' && e.voids) out.add(e.voids);
  return out;
}

/** The device part of an id, as compareIds reads it (the ledger refuses an entry whose id is not its device's). */
const deviceOf = (id: string) => id.slice(0, id.indexOf(':'));

/**
 * Orders entry ids by device, then by sequence number: within one tablet, the order it
 * recorded them, whatever its clock said. (Base36 sequences have no leading zeros, so a
 * shorter one is smaller: `dev:z` before `dev:10`, which a plain string compare gets wrong.)
 */
export function compareIds(a: string, b: string): number {
  const i = a.indexOf(':');
  const j = b.indexOf(':');
  const da = a.slice(0, i);
  const db = b.slice(0, j);
  if (da !== db) return da < db ? -1 : 1;
  const sa = a.slice(i + 1);
  const sb = b.slice(j + 1);
  return sa.length - sb.length || (sa < sb ? -1 : sa > sb ? 1 : 0);
}

/**
 * The clock order: time, then id. Total, and the same on every tablet, but not a tablet's
 * own order when its clock stepped back: use it for clock questions (how long ago, which
 * hour) and to list unrelated entries by time, and `recordOrder` for "which came after".
 */
export function byTimeThenId(a: Stamped, b: Stamped): number {
  return a.at - b.at || compareIds(a.id, b.id);
}

/** The entry among `entries` that `device` recorded last (by sequence number), if any. */
export function lastOf<E extends Stamped & Pick<Entry, 'device'>>(entries: Iterable<E>, device: string): E | undefined {
  let last: E | undefined;
  for (const e of entries) if (e.device === device && (!last || compareIds(e.id, last.id) > 0)) last = e;
  return last;
}

/** Each entry's effective time in `entries` (see the header), by id. */
export function effectiveTimes(entries: Iterable<Stamped>): Map<string, number> {
  const byDevice = new Map<string, Stamped[]>();
  for (const e of entries) {
    const list = byDevice.get(deviceOf(e.id));
    if (list) list.push(e);
    else byDevice.set(deviceOf(e.id), [e]);
  }
  const out = new Map<string, number>();
  for (const list of byDevice.values()) {
    list.sort((a, b) => compareIds(a.id, b.id));
    let top = -Infinity;
    for (const e of list) {
      top = Math.max(top, e.at);
      out.set(e.id, top);
    }
  }
  return out;
}

/** The record order of one set of entries. Asking about an entry outside the set throws NotInOrderError. */
export interface RecordOrder {
  /** Negative if `a` comes first, positive if `b` does, 0 only for the same id (a comparator for `sort`). */
  compare(a: Stamped, b: Stamped): number;
  /** True if `a` came after `b`. */
  happenedAfter(a: Stamped, b: Stamped): boolean;
}

/** The record order of `entries` (see the header). */
export function recordOrder(entries: Iterable<Stamped>): RecordOrder {
  const times = effectiveTimes(entries);
  const timeOf = (e: Stamped) => {
    const t = times.get(e.id);
    if (t === undefined) throw new NotInOrderError(`${e.id} is not in the set this order was made from`);
    return t;
  };
  const compare = (a: Stamped, b: Stamped) => timeOf(a) - timeOf(b) || compareIds(a.id, b.id);
  return { compare, happenedAfter: (a, b) => compare(a, b) > 0 };
}

/** `entries` in their record order, as a new array. */
export function inRecordOrder<E extends Stamped>(entries: Iterable<E>): E[] {
  const list = [...entries];
  return list.sort(recordOrder(list).compare);
}

/**
 * The latest of a set of entries in record order, kept as they arrive, in any order and
 * any number of times: per tablet, the highest `at` seen and the entry of the highest seq.
 * There is no `remove`: a void changes the maxima, so fold the set again.
 */
export class LatestEntry<E extends Stamped> {
  // An array, not a Map: a person is seen by a handful of tablets, and the gate keeps one
  // of these for every person of a site (tens of thousands).
  readonly #devices: { device: string; top: number; last: E }[] = [];

  /** Takes `e` into the set (again is harmless). */
  add(e: E): void {
    const device = deviceOf(e.id);
    const seen = this.#devices.find((d) => d.device === device);
    if (!seen) this.#devices.push({ device, top: e.at, last: e });
    else {
      seen.top = Math.max(seen.top, e.at);
      if (compareIds(e.id, seen.last.id) > 0) seen.last = e;
    }
  }

  /** The set's last entry in record order; undefined while it is empty. */
  get current(): E | undefined {
    let best: { top: number; last: E } | undefined;
    for (const d of this.#devices) {
      if (!best || d.top > best.top || (d.top === best.top && compareIds(d.last.id, best.last.id) > 0)) best = d;
    }
    return best?.last;
  }
}

/** The last of `entries` in record order, without sorting; undefined for none. */
export function latestOf<E extends Stamped>(entries: Iterable<E>): E | undefined {
  const latest = new LatestEntry<E>();
  for (const e of entries) latest.add(e);
  return latest.current;
}
