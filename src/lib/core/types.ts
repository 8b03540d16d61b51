/**
 * The domain's nouns. Pure data: no framework, storage or CRDT types here.
 * See ../shared/GLOSSARY.md for the words (one thing, one name).
 */
import type { CodeColour, VehicleDetails, VisitorDetails } from './gate-records';

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
  /**
   * The y-webrtc signaling servers (`ws://` or `wss://`) the site's tablets meet through.
   * Empty or absent: the endpoint of the server this app was loaded from.
   */
  signaling?: string[];
  /** ICE servers (STUN/TURN) for reaching tablets across networks; none by default (a LAN). */
  iceServers?: { urls: string; username?: string; credential?: string }[];
  /**
   * The site's root pass key (base64url of the raw Ed25519 public key), pinned when the site
   * was created or joined: the anchor of the passes' trust list (gate/passes/trust-list.ts).
   * Absent on a site joined with a join code that did not carry it.
   */
  passRoot?: string;
}

/**
 * The stations a tablet can serve. Stored as an index into this list: only ever append.
 * `guide` checks people in and hands out stickers, `recorder` binds people to tubes,
 * `homeVisit` is the door-to-door team.
 */
export const STATIONS = ['gate', 'guide', 'recorder', 'homeVisit'] as const;
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
  'void',
  // Appended (kinds are stored as an index): a sealed tube put into a transport box;
  // subject = box code, tube = the tube's barcode.
  'box-add',
  // A change of the gate policy by the supervisor (core/gate-policy.ts): subject = the
  // field changed, note = its new value, as the site doc stores it.
  'policy',
  // A visitor or worker registered at the gate (in) or checked out (out): subject = the
  // visit's id; the details only on the registration (core/gate-records.ts).
  'visitor'
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
  'wrong-person',
  // Why a person already sampled this round is sampled again (a re-swab), stored on the new
  // `sample` entry so that, after a merge, a re-swab is told apart from a double entry.
  'swab-spoiled',
  'tube-damaged',
  'retest-requested',
  // Why the gate's policy refused a resident (gate/checkpoint.ts) …
  'quarantined',
  'only-in',
  'closed',
  'quota-full',
  'unsigned-code',
  // … and why a resident it would refuse was let through: the supervisor's override, its
  // reason text in the entry's note.
  'supervisor-override',
  // Why the gate refused a signed pass (gate/passes/judge.ts), and a code that is no pass of
  // ours at all (a health-code QR, a web address, a product barcode held out by mistake).
  'pass-forged',
  'pass-other-site',
  'pass-unknown-key',
  'pass-tampered',
  'pass-key-not-in-force',
  'pass-revoked',
  'pass-not-yet-valid',
  'pass-expired',
  'not-our-code',
  // Why a visitor or a vehicle's driver was refused: the health code the duty person saw
  // (yellow, red), or the driver's itinerary code; and the reading taken again after a
  // flagged temperature (core/gate-records.ts).
  'yellow-code',
  'red-code',
  'itinerary-code',
  'second-reading'
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
  /** A `tube-result`'s result, a `trace`'s status, or a `visit`'s outcome (see OUTCOMES). */
  outcome?: Outcome;
  /** Free text the staff typed (a door-to-door visit's note, a supervisor override's reason). */
  note?: string;
  /**
   * For a gate pass let through by an exemption the site keeps (就医, 急救转运 …): the
   * exemption's id (core/gate-policy.ts). Such a pass is counted apart and is no outing.
   */
  exemption?: string;
  /** A visitor's details, on the `visitor` entry that registers them (core/gate-records.ts). */
  visitor?: VisitorDetails;
  /** A vehicle's details, on its `vehicle` entry. */
  vehicle?: VehicleDetails;
  /** The health code the duty person saw: a visitor's, or a vehicle's driver's. */
  health?: CodeColour;
  /** A `temperature` reading in tenths of °C (365 = 36.5 °C). */
  celsiusTenths?: number;
}

/** Reasons for sampling a person again in the same round (a re-swab). */
export const RESWAB_REASONS = ['swab-spoiled', 'tube-damaged', 'retest-requested'] as const satisfies readonly Reason[];
export type ReswabReason = (typeof RESWAB_REASONS)[number];

/**
 * Every outcome an entry can carry, stored as an index into this list: only ever append
 * (a new outcome goes at the end, whatever group it belongs to). The entry's kind says
 * which group below applies.
 */
export const OUTCOMES = ['positive', 'negative', 'reached', 'isolated', 'retested', 'not-home', 'declined', 'moved-out', 'in-hospital'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A lab's result for a tube (`tube-result` entries). */
export const TUBE_RESULTS = ['positive', 'negative'] as const satisfies readonly Outcome[];
export type TubeResult = (typeof TUBE_RESULTS)[number];

/** How far the tracing of one person of a positive tube has come (`trace` entries). */
export const TRACE_STATUSES = ['reached', 'isolated', 'retested'] as const satisfies readonly Outcome[];
export type TraceStatus = (typeof TRACE_STATUSES)[number];

/** What a door-to-door visit found when it did not sample (`visit` entries). */
export const VISIT_OUTCOMES = ['not-home', 'declined', 'moved-out', 'in-hospital'] as const satisfies readonly Outcome[];
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
