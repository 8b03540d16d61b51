/**
 * The digest of a set of entries: what two tablets compare to know they hold the same
 * entries (devices panel, shift handover), without sending the entries.
 *
 * Algorithm: every entry id is hashed with two independent 32-bit FNV-1a variants (different
 * offset bases); the digest is the count and the two sums of those hashes modulo 2^32.
 * A sum does not depend on the order the entries arrived in, and it is incremental: adding
 * an entry to a known digest costs one hash, so a tablet keeps its digest live as entries
 * arrive instead of rehashing 40,000 ids. Ids suffice because entries are immutable
 * (validate.ts refuses any change to an existing one): the same ids mean the same entries.
 *
 * Invariants: equal sets give equal digests on every tablet; adding the same id twice is
 * the caller's mistake (sets, not lists); the text form is fixed-width and safe in a QR.
 * Not a defence against a forger: a removed tablet or a hostile peer is stopped by
 * validation, not by this sum.
 */

/** Count and two order-free sums of id hashes. */
export interface Digest {
  count: number;
  a: number;
  b: number;
}

export const EMPTY_DIGEST: Digest = Object.freeze({ count: 0, a: 0, b: 0 });

function fnv1a(text: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The digest with one more id in the set. */
export function addToDigest(d: Digest, id: string): Digest {
  return {
    count: d.count + 1,
    a: (d.a + fnv1a(id, 0x811c9dc5)) >>> 0,
    b: (d.b + fnv1a(id, 0x050c5d1f)) >>> 0
  };
}

/** The digest of a set of entry ids. */
export function digestOf(ids: Iterable<string>): Digest {
  let d = EMPTY_DIGEST;
  for (const id of ids) d = addToDigest(d, id);
  return d;
}

/** The union of two disjoint sets (e.g. several days). */
export function combineDigests(x: Digest, y: Digest): Digest {
  return { count: x.count + y.count, a: (x.a + y.a) >>> 0, b: (x.b + y.b) >>> 0 };
}

export function sameDigest(x: Digest, y: Digest): boolean {
  return x.count === y.count && x.a === y.a && x.b === y.b;
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** `count-aaaaaaaa-bbbbbbbb`: what the screens show (short form: its last 8 characters). */
export function formatDigest(d: Digest): string {
  return `${d.count}-${hex(d.a)}-${hex(d.b)}`;
}

/** Reads `formatDigest`'s text back; null for anything else (it may come from a scanned QR). */
export function parseDigest(text: string): Digest | null {
  // No leading zero: one digest, one text (handover codes compare the texts).
  const m = /^(0|[1-9]\d{0,8})-([0-9a-f]{8})-([0-9a-f]{8})$/.exec(text);
  if (!m) return null;
  return { count: Number(m[1]), a: parseInt(m[2]!, 16), b: parseInt(m[3]!, 16) };
}

/** How two tablets' entry sets compare, day by day (from their advertised digests). */
export interface DayComparison {
  /** Every day either side holds, with its digest equal on both. */
  same: boolean;
  /** Days whose digests differ, newest first. */
  differing: string[];
  /** Entries the other side holds fewer of (it is behind by about this many). */
  theyLack: number;
  /** Entries this side holds fewer of. */
  weLack: number;
}

/**
 * Compares per-day digests (`formatDigest` text; a day absent or unreadable counts as
 * empty). Counts say by how much one side is behind; a day with equal counts but different
 * digests means each holds entries the other lacks, which counts cannot size, so it only
 * shows in `differing`.
 */
export function compareDays(mine: Record<string, string>, theirs: Record<string, string>): DayComparison {
  const out: DayComparison = { same: true, differing: [], theyLack: 0, weLack: 0 };
  const days = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].sort().reverse();
  for (const day of days) {
    const m = parseDigest(mine[day] ?? '') ?? EMPTY_DIGEST;
    const t = parseDigest(theirs[day] ?? '') ?? EMPTY_DIGEST;
    if (sameDigest(m, t)) continue;
    out.same = false;
    out.differing.push(day);
    if (m.count > t.count) out.theyLack += m.count - t.count;
    else out.weLack += t.count - m.count;
  }
  return out;
}
