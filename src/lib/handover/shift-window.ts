/**
 * The time window of a shift (交接班): which entries belong to the shift that is ending, and
 * which site days (one Y.Doc each) it touches. Days are the site's, in its time zone, like
 * every entry's day (day.ts). Clocks are the caller's: `now` is always passed in.
 */
import { dayKey } from '$lib/core/day';
import type { TimeSpan } from '$lib/supervise/reconcile';

/** Longest shift a handover covers: longer spans are a mistake in the picker, not a shift. */
export const MAX_SHIFT_MS = 7 * 24 * 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function clockParts(at: number, timeZone: string): { hour: number; minute: number; second: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) p[part.type] = Number(part.value);
  return { hour: p.hour ?? 0, minute: p.minute ?? 0, second: p.second ?? 0 };
}

/** The first millisecond of the site day of `at`. */
export function startOfDay(at: number, timeZone: string): number {
  const { hour, minute, second } = clockParts(at, timeZone);
  let start = at - ((hour * 60 + minute) * 60 + second) * 1000 - (at % 1000);
  // Where the zone's offset changed since midnight (daylight saving), the guess is an hour
  // off: step until it is the day's first hour.
  const day = dayKey(at, timeZone);
  for (let i = 0; i < 2 && (dayKey(start, timeZone) !== day || clockParts(start, timeZone).hour !== 0); i++) {
    start += dayKey(start, timeZone) !== day ? 3_600_000 : -3_600_000;
  }
  return start;
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return t.toISOString().slice(0, 10);
}

/** The site days (`YYYY-MM-DD`) that entries with `from ≤ at < to` can belong to, in order. */
export function daysOf(window: TimeSpan, timeZone: string): string[] {
  const first = dayKey(window.from, timeZone);
  const last = dayKey(Math.max(window.from, window.to - 1), timeZone);
  const out = [first];
  while (out[out.length - 1]! < last && out.length <= 400) out.push(nextDay(out[out.length - 1]!));
  return out;
}

/** True for a window a handover can cover: it ends after it starts, and within MAX_SHIFT_MS. */
export function isShiftWindow(window: TimeSpan): boolean {
  return Number.isSafeInteger(window.from) && Number.isSafeInteger(window.to) && window.from >= 0 && window.to > window.from && window.to - window.from <= MAX_SHIFT_MS;
}

/**
 * Where the ending shift starts: where the last handover of the scope ended, if that was
 * within the last day (so a night shift that ran past midnight is not cut in two), else the
 * start of today. `ends` are the `to`s of the scope's recorded handovers.
 */
export function shiftStart(ends: Iterable<number>, now: number, timeZone: string): number {
  let latest = -Infinity;
  for (const to of ends) if (to <= now && to > latest) latest = to;
  return now - latest <= 24 * 3_600_000 ? latest : startOfDay(now, timeZone);
}
