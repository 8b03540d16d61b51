/**
 * Gate conflicts between tablets (DESIGN.md, "A scan is a fact"): two tablets that were apart
 * may both accept the same person in the same direction. One tablet never does this itself
 * (its rules answer "already inside", a duplicate); after a merge the tally counts the person
 * once (gatePositions keeps the latest) and this names the clash for the supervisor.
 *
 * Algorithm: per person, the accepted unvoided gate entries in the one record order
 * (core/entries.ts: a tablet's own passes as it recorded them, whatever its clock did);
 * two neighbours with the same direction written by different tablets are one conflict.
 * A pure function of the set of entries: every tablet finds the same conflicts, listed by
 * the later entry's clock time (at, id).
 */
import { byTimeThenId, inRecordOrder, voidedIds } from '$lib/core/entries';
import type { Entry } from '$lib/core/types';

/** Two tablets both let one person through in one direction. `entries`: [earlier, later]. */
export interface GateConflict {
  subject: string;
  entries: [Entry, Entry];
}

/** The cross-tablet gate conflicts among `entries` (any order, any kinds). */
export function gateConflicts(entries: Iterable<Entry>): GateConflict[] {
  const list = [...entries];
  const voided = voidedIds(list);
  const bySubject = new Map<string, Entry[]>();
  for (const e of list) {
    if ((e.kind !== 'gate-in' && e.kind !== 'gate-out') || e.verdict !== 'accepted' || voided.has(e.id)) continue;
    const mine = bySubject.get(e.subject);
    if (mine) mine.push(e);
    else bySubject.set(e.subject, [e]);
  }
  const out: GateConflict[] = [];
  for (const [subject, list] of bySubject) {
    const passes = inRecordOrder(list);
    for (let i = 1; i < passes.length; i++) {
      const [a, b] = [passes[i - 1]!, passes[i]!];
      if (a.kind === b.kind && a.device !== b.device) out.push({ subject, entries: [a, b] });
    }
  }
  return out.sort((x, y) => byTimeThenId(x.entries[1], y.entries[1]));
}
