/**
 * Times and durations on the tally's lists, which reach back over several days: a time of
 * today as its clock (08:30), of another day with its date (11-21 08:30).
 */
import { clockOf, dayKey } from '$lib/core/day';
import { m } from '$lib/i18n';

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
