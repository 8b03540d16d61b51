/** The gate's words that depend on a value: what a foreign code is, a pass's dates. */
import { clockOf, dayKey } from '$lib/core/day';
import { m } from '$lib/i18n';
import type { ForeignCode } from './foreign-code';
import type { PassClaims } from './passes';

/** What to ask for, by what the code held out probably is. */
export function notOursText(what: ForeignCode): string {
  if (what === 'health-code') return m.gate_not_ours_health();
  if (what === 'product-barcode') return m.gate_not_ours_product();
  return m.gate_not_ours_web();
}

/** A moment as the site reads it: `2026-12-02 06:15`. */
export const dateTimeOf = (ms: number, timeZone: string) => `${dayKey(ms, timeZone)} ${clockOf(ms, timeZone)}`;

/** A pass's validity in words. */
export function validityText(claims: PassClaims, timeZone: string, now: number): string {
  if (claims.validFrom * 1000 > now) return m.gate_pass_from({ date: dateTimeOf(claims.validFrom * 1000, timeZone) });
  return claims.validUntil === null ? m.gate_pass_no_end() : m.gate_pass_until({ date: dateTimeOf(claims.validUntil * 1000, timeZone) });
}
