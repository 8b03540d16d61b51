/**
 * Showing and finding residents. Names on a gate screen are masked (张*三), since the
 * screen faces the queue; search matches the full name, pinyin initials and the address.
 */
import type { Person } from '$lib/core/types';

/** 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明; Latin names keep their first and last letters. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** 1栋-2单元-1201 style address, tolerant of missing parts. */
export function formatAddress(p: Pick<Person, 'building' | 'unit' | 'room'>): string {
  return [p.building, p.unit, p.room].filter((s) => s.length > 0).join('-');
}

/** Masks all but the last four digits of a phone number. */
export function maskPhone(phone: string): string {
  return phone.length <= 4 ? phone : '*'.repeat(phone.length - 4) + phone.slice(-4);
}

/** Masks an ID number down to its first four and last four characters. */
export function maskIdNumber(id: string): string {
  const t = id.trim();
  if (t.length <= 8) return t;
  return t.slice(0, 4) + '*'.repeat(t.length - 8) + t.slice(-4);
}

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Splits `3-2-1201`, `3栋2单元1201`, `3 2 1201` into its address parts. */
function addressParts(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[\s\-—_/#号栋幢座单元室楼]+/)
    .filter((s) => s.length > 0);
}

/**
 * Finds residents by name (any part), pinyin initials (prefix), or address (building,
 * unit and room in order, each part matching a whole field or the room alone).
 * Returns at most `limit` matches, best first: exact name, then name prefix, then the rest,
 * each group in address order.
 *
 * It runs on every keystroke over the whole roster (40,000 people), and the first keys match
 * the most (a `1` matches a third of all rooms), so: nothing that does not depend on the person
 * is computed in the loop, a person's address fields are read with one regular expression
 * instead of a normalise-and-split, and only the best `limit` matches are ever ordered.
 */
export function searchRoster(people: readonly Person[], query: string, limit = 50): Person[] {
  const q = normalise(query);
  if (q.length === 0) return [];
  const text = query.trim();
  const initials = /^[a-z]+$/.test(q);
  const parts = addressParts(query);
  const isAddress = /\d/.test(q) && parts.length > 0;
  const scored: Scored[] = [];
  for (const p of people) {
    let score = 0;
    if (p.name === text) score = 4;
    else if (p.name.startsWith(text)) score = 3;
    else if (p.name.includes(text)) score = 2;
    else if (initials && p.initials.startsWith(q)) score = 2;
    else if (isAddress && matchesAddress(p, parts)) score = 1;
    if (score > 0) scored.push({ p, score, address: '' });
  }
  return best(scored, limit).map((s) => s.p);
}

interface Scored {
  p: Person;
  score: number;
  /** Filled in only for matches that get compared. */
  address: string;
}

const collator = new Intl.Collator('zh');

function before(a: Scored, b: Scored): number {
  a.address ||= formatAddress(a.p);
  b.address ||= formatAddress(b.p);
  return b.score - a.score || collator.compare(a.address, b.address);
}

/**
 * The first `limit` of `items` in `before` order, stable (equals keep roster order), without
 * sorting them all: a sorted list of at most `limit` that a later item enters only if it is
 * better than the worst kept. O(n log limit) comparisons instead of O(n log n).
 */
function best(items: Scored[], limit: number): Scored[] {
  const kept: Scored[] = [];
  for (const item of items) {
    if (kept.length === limit && before(item, kept[limit - 1]!) >= 0) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(item, kept[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    kept.splice(lo, 0, item);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

// A field as it is almost always written (`12`, `3栋`, `2单元`, `1201`, `3号楼`): read by one
// regular expression, with exactly what `addressParts(field).join('')` would give.
const SIMPLE_FIELD = /^([0-9A-Za-z]+)(?:栋|幢|座|号楼|单元|室|号)?$/;

function fieldKey(field: string): string {
  return SIMPLE_FIELD.exec(field)?.[1] ?? addressParts(field).join('');
}

function matchesAddress(p: Person, parts: string[]): boolean {
  if (parts.length === 1) {
    const room = fieldKey(p.room);
    return room === parts[0] || room.startsWith(parts[0]!);
  }
  const fields = [fieldKey(p.building), fieldKey(p.unit), fieldKey(p.room)];
  // Parts given from the building down: each must match a field, in order.
  let i = 0;
  for (const part of parts) {
    while (i < fields.length && fields[i] !== part) i++;
    if (i === fields.length) return false;
    i++;
  }
  return true;
}
