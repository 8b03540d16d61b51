/**
 * Showing and finding residents. Names on a gate screen are masked (张*三), since the
 * screen faces the queue; search matches the full name, pinyin initials and the address.
 */
import type { Person } from './types';

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
 * Returns at most `limit` matches, best first: exact name, then name prefix, then the rest.
 */
export function searchRoster(people: readonly Person[], query: string, limit = 50): Person[] {
  const q = normalise(query);
  if (q.length === 0) return [];
  const parts = addressParts(query);
  const isAddress = /\d/.test(q) && parts.length > 0;
  const scored: { p: Person; score: number }[] = [];
  for (const p of people) {
    let score = 0;
    if (p.name === query.trim()) score = 4;
    else if (p.name.startsWith(query.trim())) score = 3;
    else if (p.name.includes(query.trim())) score = 2;
    else if (/^[a-z]+$/.test(q) && p.initials.startsWith(q)) score = 2;
    else if (isAddress && matchesAddress(p, parts)) score = 1;
    if (score > 0) scored.push({ p, score });
  }
  scored.sort((a, b) => b.score - a.score || formatAddress(a.p).localeCompare(formatAddress(b.p), 'zh'));
  return scored.slice(0, limit).map((s) => s.p);
}

function matchesAddress(p: Person, parts: string[]): boolean {
  const fields = [p.building, p.unit, p.room].map((f) => addressParts(f).join(''));
  if (parts.length === 1) return fields[2] === parts[0] || fields[2]!.startsWith(parts[0]!);
  // Parts given from the building down: each must match a field, in order.
  let i = 0;
  for (const part of parts) {
    while (i < fields.length && fields[i] !== part) i++;
    if (i === fields.length) return false;
    i++;
  }
  return true;
}
