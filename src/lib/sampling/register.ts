/**
 * Registering at the guide a person who is not on the roster (现场登记): the form's fields
 * read the way a roster import reads them (so `3号楼` here is `3栋` there, and the same person
 * imported later gets the same id), checked, and made into a Person. Pure.
 *
 * Such a person joins the roster like anyone else; what marks them as not on the original
 * roster is their check-in entry, recorded with reason `not-on-roster` (see check-in.ts).
 */
import { makePersonId } from '$lib/roster/person-id';
import { nameInitials } from '$lib/roster/name-initials';
import { cleanCell, MAX_NAME_LENGTH, readBuilding, readPhone, readRoom, readUnit } from '$lib/roster/cells';
import type { Person } from '$lib/core/types';

export interface RegisterFields {
  name: string;
  building: string;
  unit: string;
  room: string;
  phone: string;
}

/** What is wrong with the form. Closed set: each has a message. */
export type RegisterProblem = 'name' | 'building' | 'room' | 'phone';

export type RegisterCheck = { ok: true; person: Person } | { ok: false; problems: RegisterProblem[] };

/** Checks the form and builds the person, or lists every problem. */
export function registerPerson(fields: RegisterFields): RegisterCheck {
  const name = cleanCell(fields.name);
  const building = readBuilding(cleanCell(fields.building));
  const unit = readUnit(cleanCell(fields.unit));
  const room = readRoom(cleanCell(fields.room));
  const phoneText = cleanCell(fields.phone);
  const phone = phoneText ? readPhone(phoneText) : ({ ok: true, phone: '' } as const);
  const problems: RegisterProblem[] = [];
  if (!name || Array.from(name).length > MAX_NAME_LENGTH) problems.push('name');
  if (!building) problems.push('building');
  if (!room) problems.push('room');
  if (!phone.ok) problems.push('phone');
  if (problems.length > 0 || !phone.ok) return { ok: false, problems };
  const key = { building, unit, room, name, idMasked: '' };
  return { ok: true, person: { id: makePersonId(key), ...key, initials: nameInitials(name), phone: phone.phone, tags: [] } };
}
