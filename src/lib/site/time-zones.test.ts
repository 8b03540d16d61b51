import { describe, expect, it } from 'vitest';
import { initialTimeZone, timeZoneChoices } from './time-zones';

const at = new Date('2026-12-02T08:00:00Z');

describe('time zone choices', () => {
  it('lists China’s zones first, each by its name in the screen’s language with its offset, then the rest in order', () => {
    const choices = timeZoneChoices(at, 'zh-CN');
    expect(choices[0]).toEqual({ id: 'Asia/Shanghai', label: '中国标准时间 (UTC+8) · Asia/Shanghai' });
    expect(timeZoneChoices(at, 'en')[0]!.label).toBe('China Standard Time (UTC+8) · Asia/Shanghai');
    expect(choices.slice(0, 5).map((c) => c.id)).toEqual(['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei']);
    expect(choices.find((c) => c.id === 'Asia/Hong_Kong')?.label).toBe('香港标准时间 (UTC+8) · Asia/Hong Kong');
    const rest = choices.slice(5).map((c) => c.id);
    expect(rest).toEqual([...rest].sort());
    expect(new Set(choices.map((c) => c.id)).size).toBe(choices.length);
  });

  it('shows the offset of the day asked for (summer time included)', () => {
    const summer = timeZoneChoices(new Date('2026-07-01T00:00:00Z'), 'en', ['Europe/Berlin']);
    expect(summer.map((c) => c.label)).toEqual(['Central European Time (UTC+2) · Europe/Berlin']);
    expect(timeZoneChoices(at, 'en', ['Europe/Berlin'])[0]!.label).toBe('Central European Time (UTC+1) · Europe/Berlin');
  });

  it('starts on the tablet’s own zone, or Shanghai when the list lacks it', () => {
    const choices = timeZoneChoices(at, 'zh-CN', ['Asia/Shanghai', 'Europe/Berlin']);
    expect(initialTimeZone(choices, 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(initialTimeZone(choices, 'Mars/Olympus')).toBe('Asia/Shanghai');
  });
});
