import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysOf, isShiftWindow, shiftStart, startOfDay } from './shift-window';
import { dayKey } from '$lib/core/day';

const H = 3_600_000;
const SH = 'Asia/Shanghai';
// 2026-11-22 00:00 in Shanghai is 2026-11-21 16:00 UTC.
const MIDNIGHT = Date.UTC(2026, 10, 21, 16, 0, 0);

describe('shift window', () => {
  it('starts the day at midnight in the site time zone', () => {
    expect(startOfDay(MIDNIGHT + 9.5 * H + 123, SH)).toBe(MIDNIGHT);
    expect(startOfDay(MIDNIGHT, SH)).toBe(MIDNIGHT);
    expect(startOfDay(MIDNIGHT - 1, SH)).toBe(MIDNIGHT - 24 * H);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.constantFrom(SH, 'Europe/Berlin', 'UTC'), (at, zone) => {
        const start = startOfDay(at, zone);
        expect(dayKey(start, zone)).toBe(dayKey(at, zone));
        expect(dayKey(start - 1, zone)).not.toBe(dayKey(at, zone));
      })
    );
  });

  it('lists the site days a shift touches, a night shift two', () => {
    expect(daysOf({ from: MIDNIGHT + 8 * H, to: MIDNIGHT + 16 * H }, SH)).toEqual(['2026-11-22']);
    expect(daysOf({ from: MIDNIGHT - 2 * H, to: MIDNIGHT + 6 * H }, SH)).toEqual(['2026-11-21', '2026-11-22']);
    expect(daysOf({ from: MIDNIGHT - 2 * H, to: MIDNIGHT }, SH)).toEqual(['2026-11-21']);
    expect(daysOf({ from: MIDNIGHT, to: MIDNIGHT + 72 * H }, SH)).toEqual(['2026-11-22', '2026-11-23', '2026-11-24']);
  });

  it('starts the ending shift where the last handover ended, or at the start of today', () => {
    const now = MIDNIGHT + 20 * H;
    expect(shiftStart([], now, SH)).toBe(MIDNIGHT);
    expect(shiftStart([MIDNIGHT + 8 * H, MIDNIGHT + 16 * H], now, SH)).toBe(MIDNIGHT + 16 * H);
    // Last night's handover at 22:00, now 06:00: the night shift runs on from it.
    expect(shiftStart([MIDNIGHT - 2 * H], MIDNIGHT + 6 * H, SH)).toBe(MIDNIGHT - 2 * H);
    // A handover of two days ago, or one "after now" from a tablet whose clock runs ahead, is not it.
    expect(shiftStart([MIDNIGHT - 40 * H, now + H], now, SH)).toBe(MIDNIGHT);
  });

  it('accepts shifts that end after they start, up to a week', () => {
    expect(isShiftWindow({ from: MIDNIGHT, to: MIDNIGHT + 8 * H })).toBe(true);
    expect(isShiftWindow({ from: MIDNIGHT, to: MIDNIGHT })).toBe(false);
    expect(isShiftWindow({ from: MIDNIGHT, to: MIDNIGHT + 8 * 24 * H })).toBe(false);
  });
});
