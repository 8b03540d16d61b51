/**
 * The gate tally, derived from entries and never stored: stored counts drift, derived ones
 * cannot. Voided entries (and the voids themselves) do not count. The same set of entries
 * gives the same tally on every tablet, whatever order they arrived in.
 *
 * A person let through in the same direction by two tablets that were apart is one
 * passage, not two: the later pass of each such clash (gate-conflicts.ts) is counted under
 * `conflicts` instead of `in` or `out`, and the clash is listed for the supervisor.
 *
 * Passes the policy let through by exception are counted apart, not under `in` or `out`:
 * those by an exemption (就医, 急救转运 …; also per exemption) and those the supervisor
 * overrode (a quarantined person let out with a reason). A pass with both counts as an
 * override. So every gate entry counts exactly once: in + out + exempt + overrides +
 * refused + duplicate + conflicts + voided is the number of gate entries.
 */
import { voidedIds } from '$lib/core/entries';
import { gatePositions } from './rules';
import { gateConflicts } from './conflicts';
import type { Entry } from '$lib/core/types';

export interface GateTally {
  /** accepted entries in (not by exemption or override) */
  in: number;
  /** accepted entries out (not by exemption or override) */
  out: number;
  /** accepted passes by an exemption, either way */
  exempt: number;
  /** the same, by exemption id (a Map: an id from a peer is no key of Object.prototype) */
  byExemption: Map<string, number>;
  /** accepted passes the supervisor's override let through */
  overrides: number;
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
  const t: GateTally = { in: 0, out: 0, exempt: 0, byExemption: new Map(), overrides: 0, outside: 0, refused: 0, duplicate: 0, voided: 0, conflicts: clashes.size, perHour: new Array(24).fill(0) };
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
    else if (e.reason === 'supervisor-override') t.overrides++;
    else if (e.exemption) {
      t.exempt++;
      t.byExemption.set(e.exemption, (t.byExemption.get(e.exemption) ?? 0) + 1);
    } else if (e.kind === 'gate-in') t.in++;
    else t.out++;
  }
  for (const pos of gatePositions(list).values()) if (pos.direction === 'out') t.outside++;
  return t;
}
