/**
 * Temperature at the gate (体温监测), where the site's policy turns it on: after a green
 * verdict the duty person types the reading on a number pad. Pure rules.
 *
 * The steps of one person's check:
 *   first reading ── below 37.3 °C ──▶ done (normal)
 *        │
 *        └── 37.3 °C or above: flagged amber, "请复测" ──▶ second reading ──▶ done
 *                                   (cleared if below 37.3 °C, fever if not)
 * Each reading is its own `temperature` entry (subject the person's id, the reading in
 * tenths of °C); the second carries reason `second-reading`. What is flagged is derived
 * from the number, never stored, so the tally and the screen cannot disagree.
 *
 * The pad takes three digits and places the point itself (3 6 5 → 36.5 °C): one key less
 * per person, and no reading of 365 °C by a missed point. Outside 35.0–42.0 °C the
 * thermometer or the typing is wrong: the screen says so and records nothing.
 */
import { voidedIds } from '$lib/core/entries';
import { READING_MAX, READING_MIN } from '$lib/core/gate-records';
import type { Entry } from '$lib/core/types';

/** 37.3 °C, in tenths: at or above it a reading is flagged. */
export const FLAG_AT = 373;
/** Digits a reading is typed with. */
export const READING_DIGITS = 3;

export type ReadingCheck = { ok: true; tenths: number } | { ok: false; problem: 'incomplete' } | { ok: false; problem: 'out-of-range'; tenths: number };

/** `digits` with one more digit typed (a fourth is ignored). */
export const typeDigit = (digits: string, digit: string): string => (digits.length < READING_DIGITS && /^\d$/.test(digit) ? digits + digit : digits);

/** The reading three typed digits make, or why they make none. */
export function readDigits(digits: string): ReadingCheck {
  if (!/^\d{3}$/.test(digits)) return { ok: false, problem: 'incomplete' };
  const tenths = Number(digits);
  if (tenths < READING_MIN || tenths > READING_MAX) return { ok: false, problem: 'out-of-range', tenths };
  return { ok: true, tenths };
}

/** 365 → "36.5". */
export const formatReading = (tenths: number): string => (tenths / 10).toFixed(1);

export const isFlagged = (tenths: number): boolean => tenths >= FLAG_AT;

/** Which reading the pad takes now. */
export type ReadingStep = 'first' | 'second';

/** What a recorded reading means, and whether a second is to be taken. */
export type ReadingOutcome = { outcome: 'normal' | 'cleared' | 'fever'; next: 'done' } | { outcome: 'flagged'; next: 'second' };

export function afterReading(step: ReadingStep, tenths: number): ReadingOutcome {
  if (step === 'first') return isFlagged(tenths) ? { outcome: 'flagged', next: 'second' } : { outcome: 'normal', next: 'done' };
  return { outcome: isFlagged(tenths) ? 'fever' : 'cleared', next: 'done' };
}

/** The entry of one reading of `subject` (a person's id). */
export function readingFields(subject: string, tenths: number, step: ReadingStep): Pick<Entry, 'kind' | 'subject' | 'verdict' | 'celsiusTenths'> & Partial<Pick<Entry, 'reason'>> {
  const fields = { kind: 'temperature' as const, subject, verdict: 'accepted' as const, celsiusTenths: tenths };
  return step === 'second' ? { ...fields, reason: 'second-reading' } : fields;
}

/** The readings over a set of entries. */
export interface TemperatureTally {
  /** every reading, second ones included */
  taken: number;
  /** first readings of 37.3 °C or above */
  flagged: number;
  /** second readings */
  second: number;
  /** second readings still at 37.3 °C or above */
  fever: number;
}

/** Tallies `temperature` entries (voided readings and voids do not count). */
export function tallyTemperature(entries: Iterable<Entry>): TemperatureTally {
  const list = [...entries];
  const voided = voidedIds(list);
  const t: TemperatureTally = { taken: 0, flagged: 0, second: 0, fever: 0 };
  for (const e of list) {
    if (e.kind !== 'temperature' || e.celsiusTenths === undefined || voided.has(e.id)) continue;
    t.taken++;
    const high = isFlagged(e.celsiusTenths);
    if (e.reason === 'second-reading') {
      t.second++;
      if (high) t.fever++;
    } else if (high) t.flagged++;
  }
  return t;
}
