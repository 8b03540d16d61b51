import { describe, expect, it } from 'vitest';
import { T0 } from '$lib/ledger/fixtures';
import { durationText, whenText } from './tally-text';

const zone = 'Asia/Shanghai';

describe('times on the tally', () => {
  it('gives a time of today as its clock, of another day with its date (the site zone)', () => {
    expect(whenText(T0, zone, '2026-11-22')).toBe('10:00');
    expect(whenText(T0 - 11 * 3_600_000, zone, '2026-11-22')).toBe('11-21 23:00');
  });

  it('gives a duration in hours and minutes, rounded down', () => {
    expect(durationText(59_999)).toBe('0 分钟');
    expect(durationText(40 * 60_000)).toBe('40 分钟');
    expect(durationText(125 * 60_000 + 59_000)).toBe('2 小时 5 分');
    expect(durationText(3 * 3_600_000 + 30_000)).toBe('3 小时');
  });
});
