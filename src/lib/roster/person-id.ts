/**
 * Stable person ids. A resident's printed code must keep working when the community office
 * sends an updated roster, so the id is derived from what identifies the row — building,
 * unit, room, name and the visible part of the ID number — rather than drawn at random.
 * The hash is cyrb53 (53 bits): with 40,000 residents the chance of any collision is about
 * 1 in 10^7, and the importer refuses a row whose id is already taken, so a collision can
 * never merge two people silently.
 */

function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** What identifies a roster row. */
export interface PersonKey {
  building: string;
  unit: string;
  room: string;
  name: string;
  idMasked: string;
}

/** The stable id of a person: 11 base36 characters at most. */
export function makePersonId(key: PersonKey): string {
  const text = [key.building, key.unit, key.room, key.name, key.idMasked].map((s) => s.trim()).join('\u0001');
  return cyrb53(text).toString(36).padStart(8, '0');
}
