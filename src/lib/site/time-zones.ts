/**
 * The time zones a site can be made in, for a list instead of a text field: a supervisor
 * should not have to type "Asia/Shanghai". Where the campaigns were come first (China's
 * zones, then Hong Kong, Macao and Taipei), then every zone the browser knows, each by its
 * name in the screen's language (中国标准时间) beside its id and its offset now, so the one
 * that matches the wall clock is easy to pick.
 */
const FIRST = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei'];
/** Where a tablet reports no zone of its own, or one the list lacks. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface TimeZoneChoice {
  id: string;
  /** "中国标准时间 (UTC+8) · Asia/Shanghai": what tells zones apart first, as a narrow list cuts the end. */
  label: string;
}

/** Every zone, China's first; `known` is what the browser supports (injectable for tests). */
export function timeZoneChoices(at: Date, locale: string, known: readonly string[] = Intl.supportedValuesOf('timeZone')): TimeZoneChoice[] {
  const all = new Set(known);
  const ids = [...FIRST.filter((z) => all.has(z)), ...[...all].filter((z) => !FIRST.includes(z)).sort()];
  return ids.map((id) => {
    const name = partOf(id, at, locale, 'longGeneric');
    const place = id.replaceAll('_', ' ');
    const offset = offsetOf(id, at);
    // Where the language has no name of its own, it gives the offset again ("GMT+08:00").
    return { id, label: name && !name.startsWith('GMT') ? `${name} (${offset}) · ${place}` : `${place} (${offset})` };
  });
}

/** The tablet's own zone when the list has it, else the default. */
export function initialTimeZone(choices: readonly TimeZoneChoice[], own = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  return choices.some((c) => c.id === own) ? own : DEFAULT_TIME_ZONE;
}

function offsetOf(timeZone: string, at: Date): string {
  // "GMT+8" → "UTC+8"; "GMT" (or "GMT+0", as some engines write it) is UTC itself.
  const text = (partOf(timeZone, at, 'en-US', 'shortOffset') ?? 'GMT').replace('GMT', 'UTC');
  return text === 'UTC+0' ? 'UTC' : text;
}

function partOf(timeZone: string, at: Date, locale: string, timeZoneName: 'longGeneric' | 'shortOffset'): string | undefined {
  return new Intl.DateTimeFormat(locale, { timeZone, timeZoneName }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
}
