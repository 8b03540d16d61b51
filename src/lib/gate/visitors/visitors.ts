/**
 * Visitors and workers at the gate (快递外卖, 维修, 医护, 保供, 探访): the check of what the
 * duty person typed, the entries that record them, and the "still inside" list.
 *
 * Entries (core/gate-records.ts has the stored fields):
 * | entry                        | subject  | fields                              |
 * | registration, green          | visit id | direction in, visitor, health green |
 * | refusal, yellow or red code  | visit id | the same, refused, reason *-code    |
 * | check-out                    | visit id | direction out, nothing else         |
 * A visit's id is fresh for every registration, so a visitor who comes back tomorrow is a
 * new visit, and the details stay on the one entry that registered them.
 *
 * The still-inside fold (`visitsInside`): a visit is inside when its registration is
 * accepted and not voided and no check-out of it stands (not voided). It is a function of
 * the set of entries alone — which registrations and check-outs exist, not in what order
 * they arrived or what the tablets' clocks said — so every tablet holding the same entries
 * shows the same list; a check-out recorded on a tablet whose clock is behind still counts.
 * Two tablets that check the same visitor out while apart give two check-outs: still out,
 * once. A void of a check-out puts the visitor back inside.
 */
import { compareIds, voidedIds } from '$lib/core/entries';
import { MAX_ROOM, MAX_VISITOR_NAME, VISITOR_KINDS, type CodeColour, type VisitorDetails, type VisitorKind } from '$lib/core/gate-records';
import type { Entry } from '$lib/core/types';

/**
 * How many site days back the still-inside list looks: a worker who came in last night is
 * still listed in the morning; a visit older than that is left off (the handover of each
 * shift has listed it meanwhile).
 */
export const INSIDE_DAYS = 3;

/** `today` and the days before it, `n` in all, newest first (`YYYY-MM-DD`). */
export function recentDays(today: string, n = INSIDE_DAYS): string[] {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(y, m - 1, d - i)).toISOString().slice(0, 10));
}

/** What the registration form holds. */
export interface VisitorForm {
  kind?: VisitorKind;
  name: string;
  phone: string;
  room: string;
  health?: CodeColour;
}

export type VisitorProblem = 'kind' | 'name' | 'name-long' | 'phone' | 'room' | 'room-long' | 'health';

export type VisitorCheck = { ok: true; visitor: VisitorDetails; health: CodeColour } | { ok: false; problems: VisitorProblem[] };

/** A mainland mobile number: 11 digits, 1 then 3–9. */
const MOBILE = /^1[3-9]\d{9}$/;

/** The phone as stored: digits only (spaces and dashes people type are dropped). */
export const cleanPhone = (phone: string) => phone.normalize('NFKC').replace(/[\s\-()]+/g, '');

/** Checks the form; every problem at once, so the duty person fixes them in one go. */
export function checkVisitorForm(form: VisitorForm): VisitorCheck {
  const name = form.name.trim();
  const room = form.room.trim();
  const phone = cleanPhone(form.phone);
  const problems: VisitorProblem[] = [];
  if (!form.kind) problems.push('kind');
  if (!name) problems.push('name');
  else if (name.length > MAX_VISITOR_NAME) problems.push('name-long');
  if (!MOBILE.test(phone)) problems.push('phone');
  if (!room) problems.push('room');
  else if (room.length > MAX_ROOM) problems.push('room-long');
  if (!form.health) problems.push('health');
  if (problems.length || !form.kind || !form.health) return { ok: false, problems };
  return { ok: true, visitor: { name, phone, kind: form.kind, room }, health: form.health };
}

/** 13812341234 → 138****1234; other lengths keep only their last four. */
export function maskMobile(phone: string): string {
  if (phone.length === 11) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  return phone.length <= 4 ? phone : '*'.repeat(phone.length - 4) + phone.slice(-4);
}

/** A fresh visit id from random bytes (injected): `v` and 12 hex digits. */
export const makeVisitId = (random: Uint8Array): string => 'v' + [...random.subarray(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');

type Fields = Pick<Entry, 'kind' | 'subject' | 'verdict' | 'direction'> & Partial<Pick<Entry, 'reason' | 'visitor' | 'health'>>;

/** The entry registering a visitor: accepted on a green code, refused on yellow or red. */
export function registrationFields(visit: string, visitor: VisitorDetails, health: CodeColour): Fields {
  const base: Fields = { kind: 'visitor', subject: visit, verdict: 'accepted', direction: 'in', visitor, health };
  if (health === 'green') return base;
  return { ...base, verdict: 'refused', reason: health === 'yellow' ? 'yellow-code' : 'red-code' };
}

/** The entry of a visitor's leaving. */
export const checkOutFields = (visit: string): Fields => ({ kind: 'visitor', subject: visit, verdict: 'accepted', direction: 'out' });

/** A visitor inside. */
export interface Visit {
  id: string;
  /** The registration (its details, when, by whom). */
  entry: Entry;
  visitor: VisitorDetails;
  since: number;
}

const isRegistration = (e: Entry) => e.kind === 'visitor' && e.direction === 'in' && e.verdict === 'accepted' && !!e.visitor;
const isCheckOut = (e: Entry) => e.kind === 'visitor' && e.direction === 'out' && e.verdict === 'accepted';

/** The visitors inside, newest first (see the header for the fold). */
export function visitsInside(entries: Iterable<Entry>): Visit[] {
  const list = [...entries];
  const voided = voidedIds(list);
  const left = new Set(list.filter((e) => isCheckOut(e) && !voided.has(e.id)).map((e) => e.subject));
  // One registration per visit id; should a peer ever send two, the first recorded wins.
  const first = new Map<string, Entry>();
  for (const e of list) {
    if (!isRegistration(e) || voided.has(e.id) || left.has(e.subject)) continue;
    const seen = first.get(e.subject);
    if (!seen || compareIds(e.id, seen.id) < 0) first.set(e.subject, e);
  }
  const visits = [...first.values()].map((entry) => ({ id: entry.subject, entry, visitor: entry.visitor!, since: entry.at }));
  return visits.sort((a, b) => b.since - a.since || compareIds(b.entry.id, a.entry.id));
}

/** Visits matching a search: part of the name, the phone's last digits, or the room. */
export function findVisits(visits: readonly Visit[], query: string): Visit[] {
  const q = query.normalize('NFKC').trim().toLowerCase();
  if (!q) return [...visits];
  return visits.filter(({ visitor: v }) => v.name.toLowerCase().includes(q) || v.phone.endsWith(q) || v.room.toLowerCase().includes(q));
}

/** What the gate did with visitors over a set of entries. */
export interface VisitorTally {
  /** accepted registrations */
  registered: number;
  /** registrations refused on a yellow or red code */
  refused: number;
  /** check-outs */
  left: number;
  /** accepted registrations per kind */
  byKind: Record<VisitorKind, number>;
}

/** Tallies visitor entries (voided ones and voids do not count; a visit checked out twice leaves once). */
export function tallyVisitors(entries: Iterable<Entry>): VisitorTally {
  const list = [...entries];
  const voided = voidedIds(list);
  const t: VisitorTally = { registered: 0, refused: 0, left: 0, byKind: Object.fromEntries(VISITOR_KINDS.map((k) => [k, 0])) as Record<VisitorKind, number> };
  const leaving = new Set<string>();
  for (const e of list) {
    if (e.kind !== 'visitor' || voided.has(e.id)) continue;
    if (e.direction === 'out') {
      if (e.verdict === 'accepted') leaving.add(e.subject);
    } else if (e.verdict === 'refused') t.refused++;
    else if (isRegistration(e)) {
      t.registered++;
      t.byKind[e.visitor!.kind]++;
    }
  }
  t.left = leaving.size;
  return t;
}
