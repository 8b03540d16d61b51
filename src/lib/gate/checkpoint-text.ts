/**
 * The words of the visitor, vehicle and temperature screens for each closed set (every
 * member has one, in both languages).
 */
import type { CodeColour, VehicleKind, VehiclePurpose, VisitorKind } from '$lib/core/gate-records';
import { m } from '$lib/i18n';
import type { PlateKind, PlateProblem } from './vehicles/plate';
import type { VehicleProblem } from './vehicles/vehicles';
import type { VisitorProblem } from './visitors/visitors';

const COLOURS: Record<CodeColour, () => string> = { green: m.code_green, yellow: m.code_yellow, red: m.code_red };
export const colourText = (c: CodeColour) => COLOURS[c]();

const VISITOR_KIND: Record<VisitorKind, () => string> = {
  delivery: m.visitor_kind_delivery,
  repair: m.visitor_kind_repair,
  medical: m.visitor_kind_medical,
  supply: m.visitor_kind_supply,
  visit: m.visitor_kind_visit
};
export const visitorKindText = (k: VisitorKind) => VISITOR_KIND[k]();

const VISITOR_PROBLEM: Record<VisitorProblem, () => string> = {
  kind: m.visitor_problem_kind,
  name: m.visitor_problem_name,
  'name-long': m.visitor_problem_name_long,
  phone: m.visitor_problem_phone,
  room: m.visitor_problem_room,
  'room-long': m.visitor_problem_room_long,
  health: m.visitor_problem_health
};
export const visitorProblemText = (p: VisitorProblem) => VISITOR_PROBLEM[p]();

const VEHICLE_KIND: Record<VehicleKind, () => string> = {
  car: m.vehicle_kind_car,
  truck: m.vehicle_kind_truck,
  'supply-truck': m.vehicle_kind_supply_truck,
  ambulance: m.vehicle_kind_ambulance,
  bus: m.vehicle_kind_bus,
  official: m.vehicle_kind_official,
  other: m.vehicle_kind_other
};
export const vehicleKindText = (k: VehicleKind) => VEHICLE_KIND[k]();

const PURPOSE: Record<VehiclePurpose, () => string> = {
  supply: m.vehicle_purpose_supply,
  medical: m.vehicle_purpose_medical,
  'epidemic-work': m.vehicle_purpose_epidemic_work,
  logistics: m.vehicle_purpose_logistics,
  'going-home': m.vehicle_purpose_going_home,
  commute: m.vehicle_purpose_commute,
  other: m.vehicle_purpose_other
};
export const purposeText = (p: VehiclePurpose) => PURPOSE[p]();

const PLATE_KIND: Record<PlateKind, () => string> = {
  ordinary: m.vehicle_plate_ordinary,
  'new-energy-small': m.vehicle_plate_new_energy_small,
  'new-energy-large': m.vehicle_plate_new_energy_large
};
export const plateKindText = (k: PlateKind) => PLATE_KIND[k]();

/** What is wrong with a plate, in a sentence. */
export function plateProblemText(p: PlateProblem): string {
  switch (p.kind) {
    case 'empty':
      return m.plate_empty();
    case 'province':
      return m.plate_province({ char: p.char });
    case 'office':
      return m.plate_office({ char: p.char });
    case 'i-or-o':
      return m.plate_i_or_o({ position: p.position, char: p.char });
    case 'not-allowed':
      return m.plate_not_allowed({ position: p.position, char: p.char });
    case 'short':
      return m.plate_short({ length: p.length });
    case 'long':
      return m.plate_long({ length: p.length });
    case 'small-third':
      return m.plate_small_third({ char: p.char });
    case 'small-digits':
      return m.plate_small_digits({ position: p.position, char: p.char });
    case 'large-digits':
      return m.plate_large_digits({ position: p.position, char: p.char });
    case 'large-last':
      return m.plate_large_last({ char: p.char });
  }
}

export function vehicleProblemText(p: VehicleProblem): string {
  switch (p.kind) {
    case 'plate':
      return plateProblemText(p.problem);
    case 'vehicle-kind':
      return m.vehicle_problem_kind();
    case 'aboard':
      return m.vehicle_problem_aboard();
    case 'purpose':
      return m.vehicle_problem_purpose();
    case 'health':
      return m.vehicle_problem_health();
    case 'itinerary':
      return m.vehicle_problem_itinerary();
  }
}
