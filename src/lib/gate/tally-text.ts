/**
 * Words on the tally's lists. Times and durations reach back over several days: a time of
 * today as its clock (08:30), of another day with its date (11-21 08:30). The policy log
 * says a rename as one (an entry holds only the new value: the words before are those of
 * the same exemption's previous entry, or a default's own).
 */
import { clockOf, dayKey } from '$lib/core/day';
import { m } from '$lib/i18n';
import type { PolicyLogRow } from './policy-log';
import { exemptionText, policyChangeText } from './policy-text';

const MINUTE = 60_000;

/** When `at` was, in the site's zone, with its date unless it is `today`. */
export function whenText(at: number, timeZone: string, today: string): string {
  const day = dayKey(at, timeZone);
  // To the minute: the lists ask who left when, not to the second.
  const clock = clockOf(at, timeZone).slice(0, 5);
  return day === today ? clock : `${day.slice(5)} ${clock}`;
}

/** A duration in hours and minutes (rounded down to the minute): "2 小时 5 分", "3 小时", "40 分钟". */
export function durationText(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  const h = Math.floor(minutes / 60);
  if (h === 0) return m.tally_duration_m({ m: minutes });
  return minutes % 60 === 0 ? m.tally_duration_h({ h }) : m.tally_duration_hm({ h, m: minutes % 60 });
}

/** The line of each row of a policy log (newest first, as policyLog gives it). */
export function policyLogLines(rows: readonly PolicyLogRow[]): string[] {
  return rows.map(({ change }, i) => {
    if (change?.field !== 'exemption') return policyChangeText(change);
    const x = change.exemption;
    const before = rows.slice(i + 1).find((r) => r.change?.field === 'exemption' && r.change.exemption.id === x.id)?.change;
    const was = before?.field === 'exemption' ? exemptionText(before.exemption) : exemptionText({ id: x.id, label: null });
    const now = exemptionText(x);
    // A default first named, or a name changed: a rename, if it is offered as before.
    const offeredBefore = before?.field === 'exemption' ? before.exemption.active : x.active;
    return was !== now && was !== x.id && offeredBefore === x.active ? m.policy_exemption_renamed({ from: was, to: now }) : policyChangeText(change);
  });
}
