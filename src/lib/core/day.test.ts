import { describe, expect, it } from 'vitest';
import { clockOf, dayKey, hourOf, isTimeZone } from './day';

// 2026-11-22 23:30:05 in Shanghai is 15:30:05 UTC: the same instant is another day in London.
const LATE = Date.UTC(2026, 10, 22, 15, 30, 5);

describe('days and hours of the site', () => {
  it('file an instant under the site\'s day and hour, whatever the tablet\'s own zone', () => {
    expect(dayKey(LATE, 'Asia/Shanghai')).toBe('2026-11-22');
    expect(hourOf(LATE, 'Asia/Shanghai')).toBe(23);
    expect(dayKey(LATE + 3_600_000, 'Asia/Shanghai')).toBe('2026-11-23');
    expect(hourOf(LATE + 3_600_000, 'Asia/Shanghai')).toBe(0);
    expect(dayKey(LATE, 'Europe/London')).toBe('2026-11-22');
  });

  it('shows the clock time in the site\'s zone, 24-hour, with seconds', () => {
    expect(clockOf(LATE, 'Asia/Shanghai')).toBe('23:30:05');
    expect(clockOf(LATE + 3_600_000, 'Asia/Shanghai')).toBe('00:30:05');
    expect(clockOf(LATE, 'Europe/London')).toBe('15:30:05');
  });

  it('knows which zones exist', () => {
    expect(isTimeZone('Asia/Urumqi')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
