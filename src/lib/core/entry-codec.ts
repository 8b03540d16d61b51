/**
 * The stored shape of an entry inside a day's Y.Map: the key carries the id (and so the
 * device); the value is a small plain object with one-letter fields and no repetition of
 * the key, about 50 bytes an entry instead of 150 (see ../shared/STACK.md).
 *
 * Values arrive from peers too, so `decodeEntry` treats its input as hostile: anything
 * that is not exactly a well-formed entry is `null`, never an exception.
 */
import { parseEntryId } from './entry-id';
import { isExemptionId } from './gate-policy-codec';
import { CODE_COLOURS, decodeColour, decodeVehicle, decodeVisitor, encodeVehicle, encodeVisitor, isReading, type StoredVehicle, type StoredVisitor } from './gate-records';
import { isPlainRecord } from './plain';
import { ENTRY_KINDS, OUTCOMES, REASONS, STATIONS, type Direction, type Entry, type EntryKind, type EntryVerdict, type Outcome, type Reason } from './types';

/** The plain value stored under an entry's id. */
export interface StoredEntry {
  /** kind, as an index into ENTRY_KINDS */
  k: number;
  /** seconds since the epoch … */
  t: number;
  /** … and the milliseconds past it, so equal-second scans keep their order */
  m?: number;
  /** station, as an index into STATIONS */
  s: number;
  /** staff */
  u: string;
  /** subject */
  p: string;
  /** verdict: absent when accepted (most entries), d duplicate, r refused */
  v?: 'd' | 'r';
  /** reason, as an index into REASONS */
  r?: number;
  /** direction: i in, o out; absent where the kind says it (gate-in, gate-out) */
  d?: 'i' | 'o';
  /** id of the voided entry */
  x?: string;
  n?: string;
  b?: string;
  /** outcome, as an index into OUTCOMES (absent on most entries) */
  o?: number;
  /** note */
  w?: string;
  /** exemption id (a gate pass let through by an exemption) */
  e?: string;
  /** guest: a visitor's details (gate-records.ts) */
  g?: StoredVisitor;
  /** a vehicle's details */
  a?: StoredVehicle;
  /** health code seen, as an index into CODE_COLOURS */
  h?: number;
  /** a temperature reading, tenths of °C */
  c?: number;
}

const VERDICT_CODES = { accepted: undefined, duplicate: 'd', refused: 'r' } as const;
// A Map, not an object: a peer's `v: '__proto__'` must find nothing, not Object.prototype.
const VERDICTS = new Map<unknown, EntryVerdict>([
  ['d', 'duplicate'],
  ['r', 'refused']
]);
const KIND_DIRECTION: Partial<Record<EntryKind, Direction>> = { 'gate-in': 'in', 'gate-out': 'out' };

/** Longest text field a stored entry may carry; scanned codes are capped well below it. */
export const MAX_FIELD = 512;
/**
 * A handover's note carries the shift's counts per kind, station and tablet and the digests
 * (handover-code.ts): a site of 40 tablets needs more room than a visit's note.
 */
export const MAX_HANDOVER_NOTE = 2048;

export function encodeEntry(e: Entry): StoredEntry {
  const out: StoredEntry = {
    k: ENTRY_KINDS.indexOf(e.kind),
    t: Math.floor(e.at / 1000),
    s: STATIONS.indexOf(e.station),
    u: e.staff,
    p: e.subject
  };
  const verdict = VERDICT_CODES[e.verdict];
  if (verdict) out.v = verdict;
  const ms = e.at % 1000;
  if (ms) out.m = ms;
  if (e.reason) out.r = REASONS.indexOf(e.reason);
  if (e.direction && KIND_DIRECTION[e.kind] !== e.direction) out.d = e.direction === 'in' ? 'i' : 'o';
  if (e.voids) out.x = e.voids;
  if (e.round) out.n = e.round;
  if (e.tube) out.b = e.tube;
  // Written only when present, so entries without them encode exactly as before.
  if (e.outcome) out.o = OUTCOMES.indexOf(e.outcome);
  if (e.note) out.w = e.note;
  if (e.exemption) out.e = e.exemption;
  if (e.visitor) out.g = encodeVisitor(e.visitor);
  if (e.vehicle) out.a = encodeVehicle(e.vehicle);
  if (e.health) out.h = CODE_COLOURS.indexOf(e.health);
  if (e.celsiusTenths !== undefined) out.c = e.celsiusTenths;
  return out;
}

const isText = (v: unknown, max = MAX_FIELD): v is string => typeof v === 'string' && v.length <= max;
const isOptText = (v: unknown) => v === undefined || isText(v);

/** Decodes a stored value under `id`, or returns null if either is malformed. */
export function decodeEntry(id: string, raw: unknown): Entry | null {
  const ref = parseEntryId(id);
  if (!ref || !isPlainRecord(raw)) return null;
  const v = raw;
  const kind: EntryKind | undefined = typeof v.k === 'number' ? ENTRY_KINDS[v.k] : undefined;
  const verdict = v.v === undefined ? 'accepted' : VERDICTS.get(v.v);
  const station = typeof v.s === 'number' ? STATIONS[v.s] : undefined;
  if (!kind || !verdict) return null;
  if (!Number.isSafeInteger(v.t) || (v.t as number) < 0) return null;
  if (v.m !== undefined && !(Number.isInteger(v.m) && (v.m as number) > 0 && (v.m as number) < 1000)) return null;
  if (!station || !isText(v.u, 64) || !isText(v.p)) return null;
  let reason: Reason | undefined;
  if (v.r !== undefined) {
    reason = typeof v.r === 'number' ? REASONS[v.r] : undefined;
    if (!reason) return null;
  }
  if (v.d !== undefined && v.d !== 'i' && v.d !== 'o') return null;
  if (v.x !== undefined && (typeof v.x !== 'string' || !parseEntryId(v.x))) return null;
  if (!isOptText(v.n) || !isOptText(v.b)) return null;
  if (v.w !== undefined && !isText(v.w, kind === 'handover' ? MAX_HANDOVER_NOTE : MAX_FIELD)) return null;
  let outcome: Outcome | undefined;
  if (v.o !== undefined) {
    outcome = typeof v.o === 'number' ? OUTCOMES[v.o] : undefined;
    if (!outcome) return null;
  }
  if (kind === 'void' && v.x === undefined) return null;
  if (v.e !== undefined && !isExemptionId(v.e)) return null;
  const visitor = v.g === undefined ? undefined : decodeVisitor(v.g);
  const vehicle = v.a === undefined ? undefined : decodeVehicle(v.a);
  const health = v.h === undefined ? undefined : decodeColour(v.h);
  if (visitor === null || vehicle === null || (v.h !== undefined && !health)) return null;
  if (v.c !== undefined && !isReading(v.c)) return null;

  const entry: Entry = {
    id,
    kind,
    at: (v.t as number) * 1000 + ((v.m as number | undefined) ?? 0),
    device: ref.device,
    station,
    staff: v.u as string,
    subject: v.p as string,
    verdict
  };
  if (reason) entry.reason = reason;
  const direction = v.d ? (v.d === 'i' ? 'in' : 'out') : KIND_DIRECTION[kind];
  if (direction) entry.direction = direction;
  if (v.x) entry.voids = v.x as string;
  if (v.n) entry.round = v.n as string;
  if (v.b) entry.tube = v.b as string;
  if (outcome) entry.outcome = outcome;
  if (v.w) entry.note = v.w as string;
  if (v.e) entry.exemption = v.e as string;
  if (visitor) entry.visitor = visitor;
  if (vehicle) entry.vehicle = vehicle;
  if (health) entry.health = health;
  if (v.c !== undefined) entry.celsiusTenths = v.c as number;
  return entry;
}
