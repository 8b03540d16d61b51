/**
 * The guide's rules (引导员): what a code scanned at the queue, or a person registered there,
 * means for the round. A closed set of outcomes, as values:
 *
 *   code of another site ─────────────────▶ refused, other-site
 *   code nobody issued (a label, a typo) ─▶ refused, unknown-code
 *   this site's code, nobody on the roster ▶ refused, not-on-roster
 *   a person on the roster ──▶ already sampled this round?    ─▶ duplicate (amber), sampled
 *                              already checked in this round? ─▶ duplicate (amber), checked-in
 *                              otherwise                      ─▶ accepted (green)
 *   sticker for the person on screen ──▶ one already handed out this round? ─▶ duplicate
 *                                        otherwise                          ─▶ accepted
 *
 * Every outcome is recorded (a scan is a fact, the verdict an opinion). The round's history
 * counts only accepted entries that no void cancels, so an undone check-in is no check-in.
 * A person registered at the point carries reason `not-on-roster` on their check-in: the
 * lasting mark that they were not on the original roster (coverage counts them apart).
 * Pure; never throws.
 */
import { readMarks } from '$lib/supervise/coverage';
import { voidedIds } from '$lib/core/entries';
import type { Round } from '$lib/core/round';
import type { Entry, Person, Reason } from '$lib/core/types';
import type { Intake } from '$lib/scan/intake';

/** What the round already knew of a person when they came to the guide. */
export interface GuideHistory {
  checkIns: Entry[];
  samples: Entry[];
  stickers: Entry[];
}

/** A code the intake passed on to the guide's rules (too-long codes never reach them). */
export type GuideCode = Extract<Intake, { kind: 'person' | 'other-site' | 'label' }>;

/** Why a code checks nobody in. */
export type GuideRefusal = { kind: 'refused'; reason: Extract<Reason, 'unknown-code' | 'other-site' | 'not-on-roster'>; text: string };

/** The verdict of checking one person in. `registered`: added to the roster just now. */
export type CheckInVerdict =
  | { kind: 'accepted'; person: Person; before: GuideHistory; registered: boolean }
  | { kind: 'duplicate'; person: Person; before: GuideHistory; registered: boolean; why: 'sampled' | 'checked-in'; first: Entry };

export type StickerVerdict = { kind: 'accepted' } | { kind: 'duplicate'; first: Entry };

/** Fields of an entry the guide records (round, station, staff, id and time are added on record). */
export type GuideEntryFields = Pick<Entry, 'kind' | 'subject' | 'verdict'> & { reason?: Reason };

// A refused code is stored and shown as at most this much of its text: enough to recognise
// it, never a wall of noise.
const REFUSED_TEXT = 64;

export const NO_HISTORY: GuideHistory = { checkIns: [], samples: [], stickers: [] };

/** A person's history in a round, from their entries of it and the voids that cancel any. */
export function roundHistory(entries: Iterable<Entry>, personId: string, round: Pick<Round, 'id'>): GuideHistory {
  const list = [...entries];
  const marks = readMarks(list, round);
  const voided = voidedIds(list);
  const stickers = list.filter((e) => e.kind === 'sticker' && e.subject === personId && e.round === round.id && e.verdict === 'accepted' && !voided.has(e.id));
  return { checkIns: marks.checkedIn.get(personId) ?? [], samples: marks.sampled.get(personId) ?? [], stickers };
}

/** Who a code names on the roster, or why it checks nobody in. */
export function personOfCode(code: GuideCode, person: (id: string) => Person | undefined): { kind: 'person'; person: Person } | GuideRefusal {
  const text = code.text.slice(0, REFUSED_TEXT);
  if (code.kind === 'label') return { kind: 'refused', reason: 'unknown-code', text };
  if (code.kind === 'other-site') return { kind: 'refused', reason: 'other-site', text };
  const found = person(code.personId);
  return found ? { kind: 'person', person: found } : { kind: 'refused', reason: 'not-on-roster', text };
}

/** Judges a check-in from what the round already knew of the person. */
export function judgeCheckIn(person: Person, before: GuideHistory, registered = false): CheckInVerdict {
  const first = before.samples[0] ?? before.checkIns[0];
  if (!first) return { kind: 'accepted', person, before, registered };
  return { kind: 'duplicate', person, before, registered, why: before.samples.length > 0 ? 'sampled' : 'checked-in', first };
}

/** Judges handing a sticker to a person: one a round, a second is amber. */
export function judgeSticker(before: GuideHistory): StickerVerdict {
  const first = before.stickers[0];
  return first ? { kind: 'duplicate', first } : { kind: 'accepted' };
}

/** The `check-in` entry a verdict or a refusal stands for. */
export function checkInFields(verdict: CheckInVerdict | GuideRefusal): GuideEntryFields {
  if (verdict.kind === 'refused') return { kind: 'check-in', subject: verdict.text, verdict: 'refused', reason: verdict.reason };
  return { kind: 'check-in', subject: verdict.person.id, verdict: verdict.kind, ...(verdict.registered ? { reason: 'not-on-roster' as const } : {}) };
}

/** The `sticker` entry of a sticker handed to `person`. */
export function stickerFields(person: Person, verdict: StickerVerdict): GuideEntryFields {
  return { kind: 'sticker', subject: person.id, verdict: verdict.kind };
}
