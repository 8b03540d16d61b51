/**
 * Conflicts between tablets' tube records, for the supervisor. One tablet's own rules
 * (tube-rules.ts) never create these; they appear when tablets that were apart merge: both
 * opened the same tube, both put the same person into a tube, both filled the same tube past
 * the round's pooling, one sampled into a tube another had sealed, or both boxed one tube.
 *
 * Nothing is overwritten or dropped to resolve them: every record stands (tube.ts counts
 * them all) and the conflict names the entries involved, so a supervisor can void what is
 * wrong with a reason.
 *
 * Invariants: a pure function of the set of entries (it reads the order-independent
 * TubeBook, and sorts its output by kind, then key, with each conflict's entries in the
 * record order of the tube's entries, core/entries.ts), so every tablet lists the same
 * conflicts in the same order. "After a seal" is that record order too: one tablet's records
 * as it made them, whatever its clock did, and other tablets' by time. A re-swab
 * (a sample carrying a re-swab reason) is deliberate, never a conflict.
 */
import { recordOrder } from '$lib/core/entries';
import { readTubes, type TubeBook } from './tube';
import type { Round } from '$lib/core/round';
import { RESWAB_REASONS, type Entry, type Reason } from '$lib/core/types';

export const CONFLICT_KINDS = ['tube-opened-twice', 'person-sampled-twice', 'tube-over-full', 'sample-after-seal', 'tube-in-two-boxes'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * One clash. `key` is the tube barcode, or for `person-sampled-twice` the person id.
 * `entries` are the records involved, in the record order of the tube's entries (of the
 * person's samples, for `person-sampled-twice`).
 */
export interface Conflict {
  kind: ConflictKind;
  key: string;
  entries: Entry[];
}

const isReswab = (e: Entry) => e.reason !== undefined && (RESWAB_REASONS as readonly Reason[]).includes(e.reason);

/** The conflicts among the tube records of `round`, from entries in any order. */
export function conflicts(entries: Iterable<Entry>, round: Round): Conflict[] {
  return conflictsIn(readTubes(entries, round));
}

/** The conflicts of an already read book (the screens read the book once for everything). */
export function conflictsIn(book: TubeBook): Conflict[] {
  const out: Conflict[] = [];
  for (const tube of book.tubes.values()) {
    const key = tube.barcode;
    if (tube.opens.length > 1) out.push({ kind: 'tube-opened-twice', key, entries: tube.opens });
    if (tube.samples.length > book.round.pooling) out.push({ kind: 'tube-over-full', key, entries: tube.samples });
    const order = recordOrder([...tube.opens, ...tube.samples, ...tube.seals, ...tube.boxAdds]);
    const late = tube.samples.filter((s) => tube.seals.some((seal) => order.happenedAfter(s, seal)));
    if (late.length > 0) {
      const seals = tube.seals.filter((seal) => late.some((s) => order.happenedAfter(s, seal)));
      out.push({ kind: 'sample-after-seal', key, entries: [...seals, ...late].sort(order.compare) });
    }
    const boxes = new Set(tube.boxAdds.map((e) => e.subject));
    if (boxes.size > 1) out.push({ kind: 'tube-in-two-boxes', key, entries: tube.boxAdds });
  }
  for (const [person, samples] of book.samplesOf) {
    const plain = samples.filter((s) => !isReswab(s));
    if (plain.length > 1) out.push({ kind: 'person-sampled-twice', key: person, entries: plain });
  }
  return out.sort((a, b) => CONFLICT_KINDS.indexOf(a.kind) - CONFLICT_KINDS.indexOf(b.kind) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
