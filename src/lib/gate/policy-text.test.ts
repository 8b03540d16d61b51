import { describe, expect, it } from 'vitest';
import { DEFAULT_EXEMPTIONS, defaultPolicy, type PolicyChange } from '$lib/core/gate-policy';
import { m } from '$lib/i18n';
import zh from '$lib/i18n/messages/gate/zh.json';
import en from '$lib/i18n/messages/gate/en.json';
import { exemptionText, exemptionTextOf, policyChangeText } from './policy-text';

const paramsOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe('the words of the gate policy', () => {
  it('names the default exemptions in the catalogue, and a supervisor’s as written', () => {
    expect(DEFAULT_EXEMPTIONS.map((id) => exemptionText({ id, label: null }))).toEqual(['就医', '急救转运', '防疫工作人员', '保供人员']);
    expect(exemptionText({ id: 'medical', label: '看病' })).toBe('看病');
    expect(exemptionTextOf(defaultPolicy(), 'supply')).toBe('保供人员');
    // An id the policy no longer lists (a peer's, a retired one past the list's cap): its id.
    expect(exemptionTextOf(defaultPolicy(), 'x0a1b2c3d4')).toBe('x0a1b2c3d4');
    expect(exemptionTextOf(defaultPolicy(), 'constructor')).toBe('constructor');
  });

  it('has a line for every change in the policy log', () => {
    const changes: [PolicyChange | null, string][] = [
      [{ field: 'mode', mode: 'only-in' }, '通行模式：只进不出'],
      [{ field: 'quota', quota: { outings: 1, days: 2, hours: 4 } }, '每户外出：每 2 天 1 次，每次不超过 4 小时'],
      [{ field: 'quota', quota: null }, m.gate_policy_quota_off()],
      [{ field: 'temperature', on: true }, m.gate_policy_temperature_on()],
      [{ field: 'unsigned-codes', on: false }, m.gate_policy_unsigned_off()],
      [{ field: 'exemption', exemption: { id: 'x1', order: 4, active: false, label: '送药' } }, '外出事由「送药」：停用'],
      [null, m.gate_policy_unreadable()]
    ];
    for (const [change, line] of changes) expect(policyChangeText(change)).toBe(line);
  });

  it('says every message in both languages, with the same parameters', () => {
    const keys = (o: object) => Object.keys(o).filter((k) => k !== '$schema').sort();
    expect(keys(en)).toEqual(keys(zh));
    for (const k of keys(zh)) expect(paramsOf((en as Record<string, string>)[k]!), k).toEqual(paramsOf((zh as Record<string, string>)[k]!));
  });
});
