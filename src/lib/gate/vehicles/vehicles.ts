/**
 * Vehicles at a road checkpoint (道路卡口逐一查验过往车辆): the check of the form, the entry of
 * a passage, the log and the tally. Pure.
 *
 * One `vehicle` entry a passage (core/gate-records.ts): subject a fresh id of the passage,
 * the plate and the rest in its `vehicle` field, the driver's health code in `health`, the
 * direction. A driver whose health code is not green is refused (reason `yellow-code` or
 * `red-code`); one whose itinerary code is not green too (`itinerary-code`); the refusal is
 * recorded with everything seen, as a pass would be.
 */
import { compareIds, voidedIds } from '$lib/core/entries';
import { MAX_ABOARD, VEHICLE_KINDS, type CodeColour, type VehicleDetails, type VehicleKind, type VehiclePurpose } from '$lib/core/gate-records';
import type { Direction, Entry } from '$lib/core/types';
import { checkPlate, normalizePlate, type PlateProblem } from './plate';

/** What the vehicle form holds. */
export interface VehicleForm {
  plate: string;
  kind?: VehicleKind;
  aboard: number;
  purpose?: VehiclePurpose;
  health?: CodeColour;
  itinerary?: CodeColour;
  direction: Direction;
}

export type VehicleProblem = { kind: 'plate'; problem: PlateProblem } | { kind: 'vehicle-kind' | 'aboard' | 'purpose' | 'health' | 'itinerary' };

export type VehicleCheck = { ok: true; vehicle: VehicleDetails; health: CodeColour; direction: Direction } | { ok: false; problems: VehicleProblem[] };

/** Checks the form; every problem at once. */
export function checkVehicleForm(form: VehicleForm): VehicleCheck {
  const plate = checkPlate(normalizePlate(form.plate));
  const problems: VehicleProblem[] = [];
  if (!plate.ok) problems.push({ kind: 'plate', problem: plate.problem });
  if (!form.kind) problems.push({ kind: 'vehicle-kind' });
  if (!Number.isInteger(form.aboard) || form.aboard < 1 || form.aboard > MAX_ABOARD) problems.push({ kind: 'aboard' });
  if (!form.purpose) problems.push({ kind: 'purpose' });
  if (!form.health) problems.push({ kind: 'health' });
  if (!form.itinerary) problems.push({ kind: 'itinerary' });
  if (!plate.ok || !form.kind || !form.purpose || !form.health || !form.itinerary || problems.length) return { ok: false, problems };
  const vehicle: VehicleDetails = { plate: plate.plate, kind: form.kind, aboard: form.aboard, purpose: form.purpose, itinerary: form.itinerary };
  return { ok: true, vehicle, health: form.health, direction: form.direction };
}

/** A fresh id of a passage from random bytes (injected): `c` and 12 hex digits. */
export const makePassageId = (random: Uint8Array): string => 'c' + [...random.subarray(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');

type Fields = Pick<Entry, 'kind' | 'subject' | 'verdict' | 'direction' | 'vehicle' | 'health'> & Partial<Pick<Entry, 'reason'>>;

/** The entry of one passage: accepted only when both codes are green. */
export function passageFields(id: string, vehicle: VehicleDetails, health: CodeColour, direction: Direction): Fields {
  const fields: Fields = { kind: 'vehicle', subject: id, verdict: 'accepted', direction, vehicle, health };
  if (health !== 'green') return { ...fields, verdict: 'refused', reason: health === 'yellow' ? 'yellow-code' : 'red-code' };
  if (vehicle.itinerary !== 'green') return { ...fields, verdict: 'refused', reason: 'itinerary-code' };
  return fields;
}

/** The latest passages, newest first, and which of them were voided. */
export function vehicleLog(entries: Iterable<Entry>, limit: number): { entries: Entry[]; voided: Set<string> } {
  const list = [...entries];
  const voided = voidedIds(list);
  const passages = list.filter((e) => e.kind === 'vehicle' && e.vehicle);
  passages.sort((a, b) => b.at - a.at || compareIds(b.id, a.id));
  return { entries: passages.slice(0, limit), voided };
}

/** Passages counted by kind and direction. */
export interface VehicleTally {
  in: Record<VehicleKind, number>;
  out: Record<VehicleKind, number>;
  totalIn: number;
  totalOut: number;
  /** people aboard the vehicles let through, each way */
  aboardIn: number;
  aboardOut: number;
  refused: number;
}

const zeroes = () => Object.fromEntries(VEHICLE_KINDS.map((k) => [k, 0])) as Record<VehicleKind, number>;

/** Tallies `vehicle` entries (voided ones and voids do not count). */
export function tallyVehicles(entries: Iterable<Entry>): VehicleTally {
  const list = [...entries];
  const voided = voidedIds(list);
  const t: VehicleTally = { in: zeroes(), out: zeroes(), totalIn: 0, totalOut: 0, aboardIn: 0, aboardOut: 0, refused: 0 };
  for (const e of list) {
    if (e.kind !== 'vehicle' || !e.vehicle || voided.has(e.id)) continue;
    if (e.verdict === 'refused') t.refused++;
    else if (e.direction === 'out') {
      t.out[e.vehicle.kind]++;
      t.totalOut++;
      t.aboardOut += e.vehicle.aboard;
    } else {
      t.in[e.vehicle.kind]++;
      t.totalIn++;
      t.aboardIn += e.vehicle.aboard;
    }
  }
  return t;
}
