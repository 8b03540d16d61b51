/**
 * Tubes and transport boxes, derived from the entries of one round and never stored.
 *
 * Entries (all with `round` set):
 *   tube-open   subject = tube barcode, tube = tube barcode
 *   sample      subject = person id,    tube = tube barcode (reason = a re-swab reason, if one)
 *   tube-seal   subject = tube barcode, tube = tube barcode
 *   box-add     subject = box code,     tube = tube barcode
 *   box-seal    subject = box code
 *   void        voids = the id of any of the above (undo, a wrong scan)
 * so `tube` always holds a tube barcode and the entry index by tube finds a tube's whole story.
 *
 * The state machine per tube is open → full (as many samples as the round's pooling) →
 * sealed → boxed. It is not replayed step by step: it is a fold over the *set* of entries,
 * because entries merge from several tablets in any order and a tablet's clock may be wrong.
 *
 * Invariants the fold keeps (the property tests check them):
 * - Order-independence: every step is a union (push to a list, then sort in the record order
 *   of core/entries.ts, made from the tube's whole story: a tablet's own records as it made
 *   them, whatever its clock did) or a choice of the first under an order, so any permutation
 *   of the same set gives an equal book.
 * - Only accepted, unvoided entries of the round count; voids are collected in a first pass,
 *   so a void that arrives before the entry it cancels still cancels it.
 * - Nothing is lost or overwritten: every counted entry lands in exactly one list; two tablets'
 *   records of the same tube or person both stand, and conflicts.ts names the clash.
 * - Status follows the furthest step seen: any box-add → boxed, else any seal → sealed, else
 *   samples ≥ pooling → full, else open.
 */
import { byTimeThenId, compareIds, lastOf, recordOrder, voidedIds } from '$lib/core/entries';
import type { Round } from '$lib/core/round';
import type { Entry } from '$lib/core/types';

export type TubeStatus = 'open' | 'full' | 'sealed' | 'boxed';

/** One tube of a round, as the entries tell it. Lists are in the record order of the tube's entries. */
export interface TubeState {
  barcode: string;
  status: TubeStatus;
  /** Unvoided tube-open entries: one normally, more when tablets apart opened the same tube. */
  opens: Entry[];
  /** Unvoided accepted samples: the people in the tube. */
  samples: Entry[];
  seals: Entry[];
  boxAdds: Entry[];
}

/** A transport box of a round. */
export interface BoxState {
  code: string;
  status: 'open' | 'sealed';
  /** Unvoided box-add entries, in the record order of the box's entries; their `tube` fields name its tubes. */
  adds: Entry[];
  seals: Entry[];
}

/** Everything the recorder's rules and the supervisor's screens need of one round's tubes. */
export interface TubeBook {
  round: Round;
  tubes: Map<string, TubeState>;
  boxes: Map<string, BoxState>;
  /** Person id → that person's unvoided accepted samples of the round, in their record order. */
  samplesOf: Map<string, Entry[]>;
}

const TUBE_KINDS = new Set(['tube-open', 'sample', 'tube-seal', 'box-add', 'box-seal']);

function tubeOf(tubes: Map<string, TubeState>, barcode: string): TubeState {
  let t = tubes.get(barcode);
  if (!t) {
    t = { barcode, status: 'open', opens: [], samples: [], seals: [], boxAdds: [] };
    tubes.set(barcode, t);
  }
  return t;
}

function boxOf(boxes: Map<string, BoxState>, code: string): BoxState {
  let b = boxes.get(code);
  if (!b) {
    b = { code, status: 'open', adds: [], seals: [] };
    boxes.set(code, b);
  }
  return b;
}

/** Folds the entries (any order, any mix of rounds and kinds) into the tubes of `round`. */
export function readTubes(entries: Iterable<Entry>, round: Round): TubeBook {
  const list = [...entries];
  const voided = voidedIds(list);
  const tubes = new Map<string, TubeState>();
  const boxes = new Map<string, BoxState>();
  const samplesOf = new Map<string, Entry[]>();
  for (const e of list) {
    if (e.round !== round.id || !TUBE_KINDS.has(e.kind) || e.verdict !== 'accepted' || voided.has(e.id)) continue;
    if (e.kind === 'box-seal') {
      boxOf(boxes, e.subject).seals.push(e);
      continue;
    }
    if (!e.tube) continue; // malformed: every other tube kind names its tube
    const tube = tubeOf(tubes, e.tube);
    if (e.kind === 'tube-open') tube.opens.push(e);
    else if (e.kind === 'tube-seal') tube.seals.push(e);
    else if (e.kind === 'box-add') {
      tube.boxAdds.push(e);
      boxOf(boxes, e.subject).adds.push(e);
    } else {
      tube.samples.push(e);
      const mine = samplesOf.get(e.subject);
      if (mine) mine.push(e);
      else samplesOf.set(e.subject, [e]);
    }
  }
  for (const t of tubes.values()) {
    const lists = [t.opens, t.samples, t.seals, t.boxAdds];
    const order = recordOrder(lists.flat());
    for (const l of lists) l.sort(order.compare);
    t.status = t.boxAdds.length > 0 ? 'boxed' : t.seals.length > 0 ? 'sealed' : t.samples.length >= round.pooling ? 'full' : 'open';
  }
  for (const b of boxes.values()) {
    const order = recordOrder([...b.adds, ...b.seals]);
    b.adds.sort(order.compare);
    b.seals.sort(order.compare);
    b.status = b.seals.length > 0 ? 'sealed' : 'open';
  }
  for (const l of samplesOf.values()) l.sort(recordOrder(l).compare);
  return { round, tubes, boxes, samplesOf };
}

/**
 * The tube a recorder tablet is filling: the last tube it opened that is not yet sealed.
 * A tablet always holds all of its own entries, so this never depends on what has synced.
 */
export function openTubeOf(book: TubeBook, device: string): TubeState | undefined {
  let best: { tube: TubeState; open: Entry } | undefined;
  for (const tube of book.tubes.values()) {
    if (tube.status !== 'open' && tube.status !== 'full') continue;
    const open = lastOf(tube.opens, device);
    if (open && (!best || compareIds(open.id, best.open.id) > 0)) best = { tube, open };
  }
  return best?.tube;
}

/** The distinct tube barcodes of a box, in the order they were added. */
export function tubesInBox(box: BoxState): string[] {
  return [...new Set(box.adds.map((e) => e.tube!))];
}

/** A sealed tube waiting too long for its box. */
export interface StaleTube {
  round: string;
  tube: string;
  /** The first unvoided seal. */
  seal: Entry;
  waitedMs: number;
}

/**
 * Tubes sealed more than `limitMs` before `now` and not in any box, over all rounds (a tube
 * forgotten yesterday matters as much as one forgotten today); oldest first. How long a tube
 * waited is a question for the clock, so "first" and "oldest" go by (at, id) here.
 */
export function staleTubes(entries: Iterable<Entry>, now: number, limitMs: number): StaleTube[] {
  const list = [...entries];
  const voided = voidedIds(list);
  const sealed = new Map<string, Entry>();
  const boxed = new Set<string>();
  const key = (e: Entry) => `${e.round ?? ''}\u0000${e.tube ?? ''}`;
  for (const e of list) {
    if (e.verdict !== 'accepted' || voided.has(e.id) || !e.tube || e.round === undefined) continue;
    if (e.kind === 'box-add') boxed.add(key(e));
    else if (e.kind === 'tube-seal') {
      const first = sealed.get(key(e));
      if (!first || byTimeThenId(e, first) < 0) sealed.set(key(e), e);
    }
  }
  const out: StaleTube[] = [];
  for (const [k, seal] of sealed) {
    if (boxed.has(k) || now - seal.at <= limitMs) continue;
    out.push({ round: seal.round!, tube: seal.tube!, seal, waitedMs: now - seal.at });
  }
  return out.sort((a, b) => byTimeThenId(a.seal, b.seal));
}
