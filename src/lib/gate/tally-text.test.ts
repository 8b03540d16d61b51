import { describe, expect, it } from 'vitest';
import { T0 } from '$lib/ledger/fixtures';
import { makeEntry } from '$lib/core/builders';
import type { PolicyChange } from '$lib/core/gate-policy';
import { durationText, policyLogLines, whenText } from './tally-text';
import { policyEntryFields } from './policy';
import { policyLog } from './policy-log';

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

describe('the lines of the policy log', () => {
  it('says a rename as one, from the words before (a default’s own, or the last name), and an addition, a retirement as they are', () => {
    const exemption = (id: string, label: string | null, active = true, order = 0): PolicyChange => ({ field: 'exemption', exemption: { id, order, active, label } });
    const changes: PolicyChange[] = [
      exemption('medical', '看病'),
      exemption('x1', '送药上门', true, 4),
      exemption('medical', '门诊'),
      exemption('x1', '送药上门', false, 4),
      exemption('supply', null, false, 3),
      { field: 'mode', mode: 'closed' },
      exemption('medical', null)
    ];
    const entries = changes.map((c, i) => makeEntry({ ...policyEntryFields(c), id: `dev00001:${i + 1}`, at: T0 + i * 60_000 }));
    expect(policyLogLines(policyLog(entries))).toEqual([
      '外出事由「门诊」改名为「就医」',
      '通行模式：封闭管理',
      '外出事由「保供人员」：停用',
      '外出事由「送药上门」：停用',
      '外出事由「看病」改名为「门诊」',
      '外出事由「送药上门」：可选',
      '外出事由「就医」改名为「看病」'
    ]);
  });
});
