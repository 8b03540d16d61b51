/**
 * A made-up roster for demonstrations and tests: ~10,000 residents of four towers, in households
 * of one to five. Deterministic for a given random function, so a demo looks the same on every
 * tablet and a test can fix its data.
 *
 * Layout: towers 1栋, 2栋 … with units 1–4, floors 1–33 and rooms 01–08 a floor (room 1203 is
 * floor 12, room 03). Households fill the towers floor by floor, all towers at once, so that any
 * size spreads over the four towers; a size larger than four towers hold adds towers. About one
 * room in twenty is vacant.
 *
 * Household: a head; a spouse with another surname; children with the head's surname; an elderly
 * parent in larger households. Special groups at rates a community office would recognise: the
 * elderly about 17% (more among those living alone), the disabled and the sick about 1.5% and 3%,
 * the pregnant about 1%, bedridden about 0.6%, and one household in a hundred quarantined as a
 * whole. Phones: about one resident in eight (young children, some grandparents) has none.
 */
import { makePersonId } from './person-id';
import { nameInitials } from './name-initials';
import { GIVEN_FIRST, GIVEN_SECOND, GIVEN_SINGLE, SURNAMES } from './demo-names';
import type { Person, PersonTag } from '$lib/core/types';

/** A small, fast, seeded random function (mulberry32): the same seed gives the same numbers. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNITS = 4;
const FLOORS = 33;
const ROOMS_PER_FLOOR = 8;
const MIN_TOWERS = 4;
// Household sizes 1–5 and their shares; the mean is about 2.9.
const HOUSEHOLD_SIZES = [0.14, 0.27, 0.3, 0.18, 0.11];
const PHONE_PREFIXES = ['13', '15', '17', '18', '19', '13', '13', '15', '18'];
// The region part of an ID number: first four digits of a few provinces' cities.
const REGIONS = ['1101', '3101', '4201', '4401', '4403', '3201', '3301', '5101', '5001', '4301', '3701', '6101', '4101', '2102'];

const SURNAME_TOTAL = SURNAMES.reduce((sum, [, w]) => sum + w, 0);

type Role = 'head' | 'spouse' | 'child' | 'parent';

class DemoMaker {
  readonly #random: () => number;

  constructor(random: () => number) {
    this.#random = random;
  }

  int(n: number): number {
    return Math.floor(this.#random() * n);
  }

  chance(p: number): boolean {
    return this.#random() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  surname(): string {
    let x = this.#random() * SURNAME_TOTAL;
    for (const [surname, weight] of SURNAMES) {
      x -= weight;
      if (x < 0) return surname;
    }
    return SURNAMES[0]![0];
  }

  givenName(): string {
    return this.chance(0.3) ? this.pick(GIVEN_SINGLE) : this.pick(GIVEN_FIRST) + this.pick(GIVEN_SECOND);
  }

  householdSize(): number {
    let x = this.#random();
    for (let i = 0; i < HOUSEHOLD_SIZES.length; i++) {
      x -= HOUSEHOLD_SIZES[i]!;
      if (x < 0) return i + 1;
    }
    return HOUSEHOLD_SIZES.length;
  }

  phone(role: Role): string {
    // Young children and some of the very old have no phone of their own.
    if ((role === 'child' && this.chance(0.4)) || (role === 'parent' && this.chance(0.3))) return '';
    let digits = this.pick(PHONE_PREFIXES) + String(this.int(10));
    for (let i = 0; i < 8; i++) digits += String(this.int(10));
    return digits;
  }

  idMasked(): string {
    let tail = '';
    for (let i = 0; i < 3; i++) tail += String(this.int(10));
    const check = this.int(11);
    return `${this.pick(REGIONS)}**********${tail}${check === 10 ? 'X' : String(check)}`;
  }

  tags(role: Role, alone: boolean, quarantined: boolean): PersonTag[] {
    const elderly = role === 'parent' || (alone && this.chance(0.5)) || (role !== 'child' && this.chance(0.08));
    const tags: PersonTag[] = [];
    if (elderly) tags.push('elderly');
    if (this.chance(0.015)) tags.push('disabled');
    if (role === 'spouse' && !elderly && this.chance(0.03)) tags.push('pregnant');
    if (elderly && this.chance(0.03)) tags.push('bedridden');
    if (quarantined) tags.push('quarantined');
    if (this.chance(elderly ? 0.1 : 0.015)) tags.push('sick');
    return tags;
  }
}

function roles(size: number): Role[] {
  const out: Role[] = ['head'];
  if (size >= 2) out.push('spouse');
  // Households of four and five usually keep a grandparent.
  const parents = size >= 4 ? 1 : 0;
  while (out.length < size - parents) out.push('child');
  while (out.length < size) out.push('parent');
  return out;
}

/**
 * Makes a demo roster of `size` residents, with `random` as the only source of chance
 * (pass `seededRandom(seed)` for a fixed roster). Every id is unique.
 */
export function makeDemoRoster(random: () => number, size = 10_000): Person[] {
  const make = new DemoMaker(random);
  const people: Person[] = [];
  const ids = new Set<string>();
  const roomsPerTower = UNITS * FLOORS * ROOMS_PER_FLOOR;
  const towers = Math.max(MIN_TOWERS, Math.ceil(size / (roomsPerTower * 2.5)));

  // Floor by floor across all towers, so any size spreads over every tower. The towers are sized
  // to hold `size` with room to spare; should chance still fill them, floors wrap round and rooms
  // take a second household, and the bound on slots ends the loop whatever `random` returns.
  for (let slot = 0; people.length < size && slot < roomsPerTower * towers * 4; slot++) {
    const tower = slot % towers;
    const withinFloor = Math.floor(slot / towers) % (UNITS * ROOMS_PER_FLOOR);
    const floor = Math.floor(slot / (towers * UNITS * ROOMS_PER_FLOOR)) % FLOORS;
    if (make.chance(0.05)) continue; // vacant

    const building = `${tower + 1}栋`;
    const unit = `${Math.floor(withinFloor / ROOMS_PER_FLOOR) + 1}单元`;
    const room = `${floor + 1}${String((withinFloor % ROOMS_PER_FLOOR) + 1).padStart(2, '0')}`;

    const members = Math.min(make.householdSize(), size - people.length);
    const family = make.surname();
    const quarantined = make.chance(0.012);
    for (const role of roles(members)) {
      const surname = role === 'spouse' || (role === 'parent' && make.chance(0.5)) ? make.surname() : family;
      let name = surname + make.givenName();
      let idMasked = make.idMasked();
      let id = makePersonId({ building, unit, room, name, idMasked });
      // Same name and same masked ID in one room: vanishingly rare, but ids must be unique.
      while (ids.has(id)) {
        name = surname + make.givenName();
        idMasked = make.idMasked();
        id = makePersonId({ building, unit, room, name, idMasked });
      }
      ids.add(id);
      const tags = make.tags(role, members === 1, quarantined);
      people.push({ id, name, initials: nameInitials(name), building, unit, room, phone: make.phone(role), idMasked, tags });
    }
  }
  return people;
}
