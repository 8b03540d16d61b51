/**
 * The gate tally, derived from entries and never stored: stored counts drift, derived ones
 * cannot. Voided entries (and the voids themselves) do not count. The same set of entries
 * gives the same tally on every tablet, whatever order they arrived in.
 *
 * A person let through in the same direction by two tablets that were apart is one
 * passage, not two: the later pass of each such clash (gate-conflicts.ts) is counted under
 * `conflicts` instead of `in` or `out`, and the clash is listed for the supervisor.
 */
import { voidedIds } from '$lib/core/entries';
import { gatePositions } from './rules';
import { gateConflicts } from './conflicts';
import type { Entry } from '$lib/core/types';

export interface GateTally {
  /** accepted entries in */
  in: number;
  /** accepted entries out */
  out: number;
  /** people whose latest accepted gate entry is `out` */
  outside: number;
  /** red verdicts */
  refused: number;
  /** amber verdicts */
  duplicate: number;
  /** voided entries (each undo) */
  voided: number;
  /** passes a second tablet let through while apart from the first (counted once, listed) */
  conflicts: number;
  /** scans per hour of the site's day, 0–23 */
  perHour: number[];
}

/**
 * Tallies gate entries. `hourOf` maps a time to the hour of the day in the site's time zone
 * (injected: core has no clock or zone of its own).
 */
export function tallyGate(entries: Iterable<Entry>, hourOf: (at: number) => number): GateTally {
  const list = [...entries];
  const voided = voidedIds(list);
  const clashes = new Set(gateConflicts(list).map((c) => c.entries[1].id));
  const t: GateTally = { in: 0, out: 0, outside: 0, refused: 0, duplicate: 0, voided: 0, conflicts: clashes.size, perHour: new Array(24).fill(0) };
  for (const e of list) {
    if (e.kind !== 'gate-in' && e.kind !== 'gate-out') continue;
    if (voided.has(e.id)) {
      t.voided++;
      continue;
    }
    const hour = hourOf(e.at);
    if (hour >= 0 && hour < 24) t.perHour[hour]!++;
    if (e.verdict === 'refused') t.refused++;
    else if (e.verdict === 'duplicate') t.duplicate++;
    else if (clashes.has(e.id)) continue;
    else if (e.kind === 'gate-in') t.in++;
    else t.out++;
  }
  for (const pos of gatePositions(list).values()) if (pos.direction === 'out') t.outside++;
  return t;
}
