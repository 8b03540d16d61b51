/**
 * The shift handover (交接班): the tally of the ending shift of one station or the whole
 * site, and the digests the outgoing and incoming staff compare across tablets.
 *
 * The shift's entries are those of the scope with `from ≤ at < to`, handover entries aside
 * (they are about the shift, not part of it). The tally is a pure function of that set,
 * except the conflict count, which also reads what came before (a person's earlier passes,
 * the rest of a round's tubes): so two tablets with equal window digests show equal counts
 * once they hold the same context. Invariants the tests check: `entries` is the digest's
 * count and the sum over stations and over tablets; every entry is counted once among
 * byKind (accepted, standing), refused, duplicate, voids and voided.
 */
import { digestOf, type Digest } from '$lib/core/digest';
import { voidedIds } from '$lib/core/entries';
import { gateConflicts } from '$lib/gate/conflicts';
import type { Round } from '$lib/core/round';
import type { TimeSpan } from '$lib/supervise/reconcile';
import { conflicts } from '$lib/sampling/tube-conflicts';
import type { Entry, EntryKind, StationKind } from '$lib/core/types';

/** A handover is of one station or of the whole site. */
export type HandoverScope = StationKind | 'site';

/** What the shift did. */
export interface ShiftTally {
  /** every entry of the shift (the digest's count) */
  entries: number;
  /** accepted, not voided, per kind (voids apart) */
  byKind: Partial<Record<EntryKind, number>>;
  /** every entry, per station and per tablet (device id) */
  byStation: Partial<Record<StationKind, number>>;
  byDevice: Record<string, number>;
  /** tablets left out of `byDevice` to fit a stored record (0 normally; see handover-code.ts) */
  omittedDevices: number;
  refused: number;
  duplicate: number;
  /** void entries recorded in the shift */
  voids: number;
  /** clashes between tablets (gate passes, tubes) involving an entry of the shift */
  conflicts: number;
}

/** One tablet's account of a shift: what it shows, prints, records and puts in its QR. */
export interface HandoverSummary {
  device: string;
  scope: HandoverScope;
  window: TimeSpan;
  tally: ShiftTally;
  /** of the shift's entries */
  digest: Digest;
  /** day → `formatDigest` of every entry this tablet holds of that day (what adverts carry) */
  days: Record<string, string>;
}

const inScope = (e: Entry, scope: HandoverScope) => scope === 'site' || e.station === scope;

/** The entries of the shift among `entries`. */
export function shiftEntries(entries: Iterable<Entry>, scope: HandoverScope, window: TimeSpan): Entry[] {
  const out: Entry[] = [];
  for (const e of entries) if (e.kind !== 'handover' && e.at >= window.from && e.at < window.to && inScope(e, scope)) out.push(e);
  return out;
}

const bump = <K extends string>(r: Partial<Record<K, number>>, k: K) => (r[k] = (r[k] ?? 0) + 1);

/**
 * Tallies a shift. `context` is a set of entries holding at least the shift's (and, for the
 * conflicts, the earlier entries of its people and rounds); `rounds` are the site's rounds.
 */
export function tallyShift(context: readonly Entry[], scope: HandoverScope, window: TimeSpan, rounds: readonly Round[]): ShiftTally {
  const shift = shiftEntries(context, scope, window);
  const voided = voidedIds(shift);
  const t: ShiftTally = { entries: shift.length, byKind: {}, byStation: {}, byDevice: {}, omittedDevices: 0, refused: 0, duplicate: 0, voids: 0, conflicts: 0 };
  for (const e of shift) {
    bump(t.byStation, e.station);
    bump(t.byDevice, e.device);
    if (e.kind === 'void') t.voids++;
    else if (voided.has(e.id)) continue;
    else if (e.verdict === 'refused') t.refused++;
    else if (e.verdict === 'duplicate') t.duplicate++;
    else bump(t.byKind, e.kind);
  }
  t.conflicts = countConflicts(context, shift, rounds);
  return t;
}

function countConflicts(context: readonly Entry[], shift: readonly Entry[], rounds: readonly Round[]): number {
  const ids = new Set(shift.map((e) => e.id));
  const touches = (list: readonly Entry[]) => list.some((e) => ids.has(e.id));
  let n = gateConflicts(context).filter((c) => touches(c.entries)).length;
  const roundIds = new Set(shift.map((e) => e.round).filter((r): r is string => r !== undefined));
  for (const round of rounds) if (roundIds.has(round.id)) n += conflicts(context, round).filter((c) => touches(c.entries)).length;
  return n;
}

/** The summary of a shift as this tablet sees it; `days` are its day digests (dayDigests). */
export function summarizeShift(input: {
  device: string;
  scope: HandoverScope;
  window: TimeSpan;
  context: readonly Entry[];
  rounds: readonly Round[];
  days: Record<string, string>;
}): HandoverSummary {
  const { device, scope, window, context, rounds, days } = input;
  const digest = digestOf(shiftEntries(context, scope, window).map((e) => e.id));
  return { device, scope, window, tally: tallyShift(context, scope, window, rounds), digest, days };
}
