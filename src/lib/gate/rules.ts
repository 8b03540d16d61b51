/**
 * The gate's rules: what a scan at a gate means. A closed set of outcomes, as values:
 * green (accepted), amber (duplicate: already inside / already outside) and red (refused:
 * an unknown code, another site's code, or a code of nobody on this roster).
 * The scan is recorded whatever the verdict: a scan is a fact, the verdict an opinion.
 */
import type { Intake } from '$lib/scan/intake';
import { LatestEntry, voidedIds } from '$lib/core/entries';
import type { Direction, Entry, Person, Reason } from '$lib/core/types';

/** The latest accepted, unvoided gate entry of a person, if any. */
export interface GatePosition {
  direction: Direction;
  at: number;
}

export type GateVerdict =
  | { kind: 'accepted'; person: Person; direction: Direction }
  | { kind: 'duplicate'; person: Person; direction: Direction; reason: Extract<Reason, 'already-inside' | 'already-outside'>; since: number }
  | { kind: 'refused'; direction: Direction; reason: Extract<Reason, 'unknown-code' | 'other-site' | 'not-on-roster'>; text: string };

/** A code the intake passed on to the gate's rules (too-long codes never reach them). */
export type GateCode = Extract<Intake, { kind: 'person' | 'other-site' | 'label' }>;

export interface GateScan {
  code: GateCode;
  direction: Direction;
  /** The roster entry for the code's person id, if there is one. */
  person: Person | undefined;
  /** Where the rules last saw this person. */
  position: GatePosition | undefined;
}

/** Judges one gate scan. Pure; never throws. */
export function judgeGateScan(scan: GateScan): GateVerdict {
  const { code, direction } = scan;
  if (code.kind === 'label') return { kind: 'refused', direction, reason: 'unknown-code', text: code.text };
  if (code.kind === 'other-site') return { kind: 'refused', direction, reason: 'other-site', text: code.text };
  const person = scan.person;
  if (!person) return { kind: 'refused', direction, reason: 'not-on-roster', text: code.text };
  const last = scan.position;
  if (last && last.direction === direction) {
    const reason = direction === 'in' ? 'already-inside' : 'already-outside';
    return { kind: 'duplicate', person, direction, reason, since: last.at };
  }
  return { kind: 'accepted', person, direction };
}

/** The entry fields a verdict stands for (id, time, device, staff are the ledger's to add). */
export function gateEntryFields(verdict: GateVerdict): Pick<Entry, 'kind' | 'subject' | 'verdict' | 'direction'> & { reason?: Reason } {
  const kind = verdict.direction === 'in' ? 'gate-in' : 'gate-out';
  if (verdict.kind === 'refused') {
    return { kind, subject: verdict.text, verdict: 'refused', reason: verdict.reason, direction: verdict.direction };
  }
  if (verdict.kind === 'duplicate') {
    return { kind, subject: verdict.person.id, verdict: 'duplicate', reason: verdict.reason, direction: verdict.direction };
  }
  return { kind, subject: verdict.person.id, verdict: 'accepted', direction: verdict.direction };
}

/** A person's accepted pass as the gate keeps it: enough to order it and to judge by it. */
export type GatePass = GatePosition & { id: string };

/** The pass an entry stands for, if it is an accepted gate entry (voids are the caller's to weigh). */
export function passOf(e: Entry): GatePass | undefined {
  if ((e.kind !== 'gate-in' && e.kind !== 'gate-out') || e.verdict !== 'accepted') return undefined;
  return { direction: e.kind === 'gate-in' ? 'in' : 'out', at: e.at, id: e.id };
}

/**
 * Each person's accepted, unvoided passes, folded to the latest in the one record order
 * (core/entries.ts): a tablet's own passes in the order it recorded them, whatever its clock
 * did; passes of different tablets by time. Entries may come in any order (they merge from
 * several tablets): every tablet derives the same answer from the same set.
 */
export function gatePassFolds(entries: Iterable<Entry>): Map<string, LatestEntry<GatePass>> {
  const list = [...entries];
  const voided = voidedIds(list);
  const out = new Map<string, LatestEntry<GatePass>>();
  for (const e of list) {
    const pass = passOf(e);
    if (!pass || voided.has(e.id)) continue;
    let fold = out.get(e.subject);
    if (!fold) out.set(e.subject, (fold = new LatestEntry()));
    fold.add(pass);
  }
  return out;
}

/** Where each person last was: their latest accepted, unvoided pass (see gatePassFolds). */
export function gatePositions(entries: Iterable<Entry>): Map<string, GatePass> {
  const out = new Map<string, GatePass>();
  for (const [subject, fold] of gatePassFolds(entries)) out.set(subject, fold.current!);
  return out;
}
