/**
 * What the gate records of those who carry no pass of the site's — visitors and workers,
 * vehicles at a road checkpoint — and of a temperature reading (issue 12, "People who are
 * not residents, vehicles, temperature"). Pure data and its stored shape.
 *
 * Where each lives (one place only: a visitor's or a vehicle's details are personal data and
 * are not copied to other entries):
 * - a `visitor` entry with direction in registers a visitor: `visitor` (name, phone, kind,
 *   room) and `health` (the colour the duty person saw), accepted on green, refused on
 *   yellow or red (reason `yellow-code` / `red-code`). Its subject is a fresh visit id; the
 *   visitor's check-out is a `visitor` entry out with the same subject and nothing else.
 * - a `vehicle` entry: `vehicle` (plate, kind, people aboard, purpose, the driver's
 *   itinerary code) and `health` (the driver's health code), with its direction; subject a
 *   fresh id of the passage.
 * - a `temperature` entry: subject the person's id, `celsiusTenths` the reading; reason
 *   `second-reading` on the reading taken after a flagged one.
 *
 * Every list below is stored as an index into it: only ever append.
 */
import { isPlainRecord } from './plain';

/** Health-code (健康码) and itinerary-code (行程码) colours, as the duty person saw them. */
export const CODE_COLOURS = ['green', 'yellow', 'red'] as const;
export type CodeColour = (typeof CODE_COLOURS)[number];

/** Why a visitor or worker comes: 快递外卖, 维修, 医护, 保供, 探访. */
export const VISITOR_KINDS = ['delivery', 'repair', 'medical', 'supply', 'visit'] as const;
export type VisitorKind = (typeof VISITOR_KINDS)[number];

/** What passes a road checkpoint. */
export const VEHICLE_KINDS = ['car', 'truck', 'supply-truck', 'ambulance', 'bus', 'official', 'other'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

/** Why a vehicle passes. */
export const VEHICLE_PURPOSES = ['supply', 'medical', 'epidemic-work', 'logistics', 'going-home', 'commute', 'other'] as const;
export type VehiclePurpose = (typeof VEHICLE_PURPOSES)[number];

/** A visitor's or worker's details, on the entry that registers them. */
export interface VisitorDetails {
  name: string;
  /** As typed (digits); shown masked (138****1234). */
  phone: string;
  kind: VisitorKind;
  /** The room they go to, as typed (3-2-501). */
  room: string;
}

/** A vehicle's details, on the entry of its passage. */
export interface VehicleDetails {
  /** Upper case, no spaces: 京A12345, 粤BD12345 (gate/vehicles/plate.ts checks it). */
  plate: string;
  kind: VehicleKind;
  /** People aboard, the driver included. */
  aboard: number;
  purpose: VehiclePurpose;
  /** The driver's itinerary code as seen. */
  itinerary: CodeColour;
}

/** Caps of the stored text (a peer's longer value is refused). */
export const MAX_VISITOR_NAME = 32;
export const MAX_PHONE = 20;
export const MAX_ROOM = 32;
export const MAX_PLATE = 8;
export const MAX_ABOARD = 99;

/** The readings a tablet records, in tenths of °C: 35.0–42.0 °C; outside it the thermometer or the typing is wrong. */
export const READING_MIN = 350;
export const READING_MAX = 420;

/** The stored shape of VisitorDetails: name, phone, kind index, room. */
export interface StoredVisitor {
  n: string;
  p: string;
  k: number;
  r: string;
}

/** The stored shape of VehicleDetails: plate, kind index, aboard, purpose index, itinerary colour index. */
export interface StoredVehicle {
  l: string;
  k: number;
  a: number;
  y: number;
  j: number;
}

export const encodeVisitor = (v: VisitorDetails): StoredVisitor => ({ n: v.name, p: v.phone, k: VISITOR_KINDS.indexOf(v.kind), r: v.room });

export const encodeVehicle = (v: VehicleDetails): StoredVehicle => ({
  l: v.plate,
  k: VEHICLE_KINDS.indexOf(v.kind),
  a: v.aboard,
  y: VEHICLE_PURPOSES.indexOf(v.purpose),
  j: CODE_COLOURS.indexOf(v.itinerary)
});

const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
/** The member of `list` at index `i`, or undefined for anything that is not one of its indexes. */
const member = <T>(list: readonly T[], i: unknown): T | undefined => (typeof i === 'number' && Number.isInteger(i) && i >= 0 ? list[i] : undefined);
const exactKeys = (raw: Record<string, unknown>, keys: readonly string[]) => Object.keys(raw).length === keys.length && keys.every((k) => Object.hasOwn(raw, k));

/** A stored visitor from a peer, or null (hostile input: anything not exactly the shape). */
export function decodeVisitor(raw: unknown): VisitorDetails | null {
  if (!isPlainRecord(raw) || !exactKeys(raw, ['n', 'p', 'k', 'r'])) return null;
  const kind = member(VISITOR_KINDS, raw.k);
  if (!kind || !text(raw.n, MAX_VISITOR_NAME) || !text(raw.p, MAX_PHONE) || !text(raw.r, MAX_ROOM)) return null;
  return { name: raw.n, phone: raw.p, kind, room: raw.r };
}

/** A stored vehicle from a peer, or null. */
export function decodeVehicle(raw: unknown): VehicleDetails | null {
  if (!isPlainRecord(raw) || !exactKeys(raw, ['l', 'k', 'a', 'y', 'j'])) return null;
  const kind = member(VEHICLE_KINDS, raw.k);
  const purpose = member(VEHICLE_PURPOSES, raw.y);
  const itinerary = member(CODE_COLOURS, raw.j);
  if (!kind || !purpose || !itinerary || !text(raw.l, MAX_PLATE)) return null;
  if (!Number.isInteger(raw.a) || (raw.a as number) < 0 || (raw.a as number) > MAX_ABOARD) return null;
  return { plate: raw.l, kind, aboard: raw.a as number, purpose, itinerary };
}

/** A stored colour index, or undefined. */
export const decodeColour = (raw: unknown): CodeColour | undefined => member(CODE_COLOURS, raw);

/** True for a reading a tablet may have recorded (tenths of °C, an integer in range). */
export const isReading = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= READING_MIN && (v as number) <= READING_MAX;
