/**
 * The domain's nouns. Pure data: no framework, storage or CRDT types here.
 * See ../shared/GLOSSARY.md for the words (one thing, one name).
 */

/** One campaign at one compound, village or community. */
export interface Site {
  /** Random, short, base36; also the prefix of every personal code printed for this site. */
  id: string;
  name: string;
  /** IANA zone, e.g. `Asia/Shanghai`: a day's entries belong to the date in this zone. */
  timeZone: string;
  /** Joins tablets and keys the sync room; never shown except in the join code. */
  secret: string;
  createdAt: number;
}

/** The stations a tablet can serve. Sampling stations come with their own issue. */
export const STATIONS = ['gate'] as const;
export type StationKind = (typeof STATIONS)[number];

/** Tags for special groups (老弱病残孕 …), counted apart in coverage. */
export const PERSON_TAGS = ['elderly', 'disabled', 'pregnant', 'bedridden', 'quarantined', 'sick'] as const;
export type PersonTag = (typeof PERSON_TAGS)[number];

/** A resident on the roster (底册). */
export interface Person {
  /** Stable across re-imports of the same row (see person-id.ts). */
  id: string;
  name: string;
  /** Pinyin initials of the name, lower case (`zs` for 张三), for search. */
  initials: string;
  building: string;
  unit: string;
  room: string;
  phone: string;
  /** Only ever stored masked (`1101**********1234`): the full number never reaches a tablet's disk. */
  idMasked: string;
  tags: PersonTag[];
}

export type Direction = 'in' | 'out';

export const ENTRY_KINDS = [
  'gate-in',
  'gate-out',
  'vehicle',
  'temperature',
  'check-in',
  'sticker',
  'sample',
  'tube-open',
  'tube-seal',
  'box-seal',
  'visit',
  'tube-result',
  'trace',
  'handover',
  'void'
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** What the rules said about a scan, stored beside it (a scan is a fact; the verdict is an opinion). */
export type EntryVerdict = 'accepted' | 'duplicate' | 'refused';

/** Why a scan was not simply accepted. Closed set: every reason has a message in both languages. */
export const REASONS = [
  'unknown-code',
  'other-site',
  'not-on-roster',
  'already-inside',
  'already-outside',
  'voided-by-staff',
  // Why a void cancels an entry (the staff choose one when they undo).
  'scanned-by-mistake',
  'wrong-direction',
  'wrong-person'
] as const;
export type Reason = (typeof REASONS)[number];

/** The reasons a person can give for voiding an entry. */
export const VOID_REASONS = ['scanned-by-mistake', 'wrong-direction', 'wrong-person', 'voided-by-staff'] as const satisfies readonly Reason[];
export type VoidReason = (typeof VOID_REASONS)[number];

/** One append-only ledger record (台账). Never edited: a mistake is voided by a later entry. */
export interface Entry {
  /** `device:seq`, base36 (see entry-id.ts). */
  id: string;
  kind: EntryKind;
  /** Milliseconds since the epoch, from the recording tablet's clock. */
  at: number;
  device: string;
  station: StationKind;
  /** The duty person's name as entered at the start of the shift. */
  staff: string;
  /** A person id for a resident, otherwise the (sanitised) code that was scanned. */
  subject: string;
  verdict: EntryVerdict;
  reason?: Reason;
  direction?: Direction;
  /** For a `void`: the id of the entry it cancels. */
  voids?: string;
  round?: string;
  tube?: string;
}
