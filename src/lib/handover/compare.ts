/**
 * Comparing a shift across tablets, two ways:
 *
 * - Two handover summaries (one scanned from another tablet's QR): equal when the shift's
 *   digests and every count agree; otherwise the counts that differ, in a fixed order, so a
 *   person sees *which* tablet's or kind's numbers are off (an empty list with unequal
 *   digests means the same numbers of different entries).
 * - Day digests, as each tablet advertises them over sync: a tablet agrees when it holds
 *   exactly the entries this tablet holds for every day the shift touches. A day missing
 *   from its digests is a day it holds nothing of.
 *
 * The handover may be recorded when no tablet is known to disagree and every tablet that
 * worked the shift is known to agree (`blockingTablets`); otherwise only with the
 * disagreement named and acknowledged.
 */
import { EMPTY_DIGEST, addToDigest, compareDays, formatDigest, sameDigest, type Digest } from '$lib/core/digest';
import type { HandoverSummary, ShiftTally } from './rules';
import { ENTRY_KINDS, STATIONS, type EntryKind, type StationKind } from '$lib/core/types';

/** A count of the tally, named for the screens. */
export type CountKey = 'entries' | 'refused' | 'duplicate' | 'voids' | 'conflicts' | `kind:${EntryKind}` | `station:${StationKind}` | `device:${string}`;

export interface CountDifference {
  key: CountKey;
  mine: number;
  theirs: number;
}

export type SummaryComparison = { kind: 'equal' } | { kind: 'differs'; sameEntries: boolean; counts: CountDifference[] };

/** The tally's counts in the order the screens list them. */
export function countsOf(t: ShiftTally, withDevices = t.omittedDevices === 0): Map<CountKey, number> {
  const out = new Map<CountKey, number>([['entries', t.entries]]);
  for (const k of ENTRY_KINDS) if (t.byKind[k]) out.set(`kind:${k}`, t.byKind[k]);
  for (const s of STATIONS) if (t.byStation[s]) out.set(`station:${s}`, t.byStation[s]);
  if (withDevices) for (const d of Object.keys(t.byDevice).sort()) out.set(`device:${d}`, t.byDevice[d]!);
  for (const k of ['refused', 'duplicate', 'voids', 'conflicts'] as const) out.set(k, t[k]);
  return out;
}

/** Compares this tablet's summary of a shift with another's of the same scope and window. */
export function compareSummaries(mine: HandoverSummary, theirs: HandoverSummary): SummaryComparison {
  const withDevices = mine.tally.omittedDevices === 0 && theirs.tally.omittedDevices === 0;
  const a = countsOf(mine.tally, withDevices);
  const b = countsOf(theirs.tally, withDevices);
  const counts: CountDifference[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [x, y] = [a.get(key) ?? 0, b.get(key) ?? 0];
    if (x !== y) counts.push({ key, mine: x, theirs: y });
  }
  const sameEntries = sameDigest(mine.digest, theirs.digest);
  return sameEntries && counts.length === 0 ? { kind: 'equal' } : { kind: 'differs', sameEntries, counts };
}

/** Each of `days`' digest of the entry rows this tablet holds, as adverts carry them. */
export function dayDigests(rows: Iterable<{ id: string; day: string }>, days: readonly string[]): Record<string, string> {
  const sums = new Map<string, Digest>(days.map((d) => [d, EMPTY_DIGEST]));
  for (const r of rows) {
    const d = sums.get(r.day);
    if (d) sums.set(r.day, addToDigest(d, r.id));
  }
  return Object.fromEntries([...sums].map(([day, d]) => [day, formatDigest(d)]));
}

/** The days among `days` whose digests differ (a missing or unreadable digest is an empty day), oldest first. */
export function differingDays(mine: Record<string, string>, theirs: Record<string, string>, days: readonly string[]): string[] {
  const only = (r: Record<string, string>) => Object.fromEntries(days.flatMap((d) => (r[d] === undefined ? [] : [[d, r[d]]])));
  return compareDays(only(mine), only(theirs)).differing.sort();
}

export type Agreement = 'equal' | 'differs' | 'unknown';

/** One other tablet's standing in a handover. */
export interface TabletAgreement {
  device: string;
  agreement: Agreement;
  /** how it is known: its advert over sync, a QR scanned from it, or not at all */
  via: 'sync' | 'qr' | 'none';
  /** it has entries in the shift */
  worked: boolean;
}

/**
 * How another tablet stands: by its advert while it is reachable over sync (the newest
 * word), else by the last comparison of its scanned QR, else unknown.
 */
export function agreementOf(input: { mine: Record<string, string>; days: readonly string[]; advert?: Record<string, string>; reachable: boolean; qr?: SummaryComparison }): Pick<TabletAgreement, 'agreement' | 'via'> {
  if (input.reachable && input.advert) return { agreement: differingDays(input.mine, input.advert, input.days).length === 0 ? 'equal' : 'differs', via: 'sync' };
  if (input.qr) return { agreement: input.qr.kind === 'equal' ? 'equal' : 'differs', via: 'qr' };
  return { agreement: 'unknown', via: 'none' };
}

/** The tablets that stop a handover unless acknowledged: any that differs, and any that worked it unconfirmed. */
export function blockingTablets(rows: readonly TabletAgreement[]): string[] {
  return rows.filter((r) => r.agreement === 'differs' || (r.agreement === 'unknown' && r.worked)).map((r) => r.device);
}
