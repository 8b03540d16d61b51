import { describe, expect, it } from 'vitest';
import { initialTimeZone, timeZoneChoices } from './time-zones';

const at = new Date('2026-12-02T08:00:00Z');

describe('time zone choices', () => {
  it('lists China’s zones first, each with its offset, then the rest in order', () => {
    const choices = timeZoneChoices(at);
    expect(choices[0]).toEqual({ id: 'Asia/Shanghai', label: 'Asia/Shanghai (UTC+8)' });
    expect(choices.slice(0, 5).map((c) => c.id)).toEqual(['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei']);
    expect(choices.find((c) => c.id === 'Asia/Hong_Kong')?.label).toBe('Asia/Hong Kong (UTC+8)');
    const rest = choices.slice(5).map((c) => c.id);
    expect(rest).toEqual([...rest].sort());
    expect(new Set(choices.map((c) => c.id)).size).toBe(choices.length);
  });

  it('shows the offset of the day asked for (summer time included)', () => {
    const summer = timeZoneChoices(new Date('2026-07-01T00:00:00Z'), ['Europe/Berlin', 'UTC']);
    expect(summer.map((c) => c.label)).toEqual(['Europe/Berlin (UTC+2)', 'UTC (UTC)']);
  });

  it('starts on the tablet’s own zone, or Shanghai when the list lacks it', () => {
    const choices = timeZoneChoices(at, ['Asia/Shanghai', 'Europe/Berlin']);
    expect(initialTimeZone(choices, 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(initialTimeZone(choices, 'Mars/Olympus')).toBe('Asia/Shanghai');
  });
});
