/**
 * Days and hours in the site's time zone. A tablet's own zone may be wrong or different;
 * entries belong to the site's day, so every tablet files them under the same doc.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23'
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(at: number, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) out[p.type] = p.value;
  return out;
}

/** `YYYY-MM-DD` of `at` in `timeZone`. */
export function dayKey(at: number, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Hour of the day (0–23) of `at` in `timeZone`. */
export function hourOf(at: number, timeZone: string): number {
  return Number(parts(at, timeZone).hour);
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** `14:05:09` of `at` in `timeZone`: the time shown on verdicts, lists and slips. */
export function clockOf(at: number, timeZone: string): string {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    clocks.set(timeZone, f);
  }
  return f.format(at);
}

/** True if `timeZone` is a zone this browser knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
