import { describe, expect, it } from 'vitest';
import { DEFAULT_EXEMPTIONS, NEW_SITE_POLICY, activeExemption, applyPolicyChange, defaultPolicy, policyChanges, type PolicyChange } from './gate-policy';
import { decodePolicyField, encodePolicyChange, readPolicy } from './gate-policy-codec';

const fieldsOf = (changes: PolicyChange[]) => changes.map((c) => Object.values(encodePolicyChange(c)) as [string, string]);

describe('the gate policy', () => {
  it('is normal, quota and temperature off, the four exemptions offered, when the site doc says nothing', () => {
    const p = readPolicy([]);
    expect(p).toEqual(defaultPolicy());
    expect(p).toMatchObject({ mode: 'normal', quota: null, temperature: false });
    expect(p.exemptions.map((x) => [x.id, x.active, x.label])).toEqual(DEFAULT_EXEMPTIONS.map((id) => [id, true, null]));
  });

  it('lets bare personal codes through on a site that predates the setting, and not on a new site', () => {
    expect(readPolicy([]).unsignedCodes).toBe(true);
    expect(readPolicy(fieldsOf([...NEW_SITE_POLICY])).unsignedCodes).toBe(false);
  });

  it('stores each field as the short text a policy entry records', () => {
    const cases: [PolicyChange, string, string][] = [
      [{ field: 'mode', mode: 'only-in' }, 'mode', 'only-in'],
      [{ field: 'quota', quota: { outings: 1, days: 2, hours: 4 } }, 'quota', '1/2/4'],
      [{ field: 'quota', quota: null }, 'quota', 'off'],
      [{ field: 'temperature', on: true }, 'temperature', 'on'],
      [{ field: 'unsigned-codes', on: false }, 'unsigned-codes', 'off'],
      [{ field: 'exemption', exemption: { id: 'medical', order: 0, active: false, label: null } }, 'exemption:medical', '0/off/'],
      [{ field: 'exemption', exemption: { id: 'x01ab', order: 4, active: true, label: '社区医生/上门' } }, 'exemption:x01ab', '4/on/社区医生/上门']
    ];
    for (const [change, key, value] of cases) {
      expect(encodePolicyChange(change)).toEqual({ key, value });
      expect(decodePolicyField(key, value)).toEqual(change);
    }
  });

  it('refuses values no supervisor could set', () => {
    const bad: [unknown, unknown][] = [
      ['mode', 'lockdown'],
      ['mode', 1],
      ['quota', '0/2/4'],
      ['quota', '1/31/4'],
      ['quota', '1/2/73'],
      ['quota', '1/2'],
      ['quota', { outings: 1, days: 2, hours: 4 }],
      ['temperature', true],
      ['temperature', 'yes'],
      ['exemption:x01ab', '4/on/'], // an added exemption needs its words
      ['exemption:medical', '0/on/ 就医'], // untrimmed
      ['exemption:medical', '0/on/就\u202e医'], // a bidi control
      ['exemption:medical', `0/on/${'长'.repeat(25)}`],
      ['exemption:Medical', '0/on/'],
      ['exemption:medical', '10000/on/'],
      ['exemption:', '0/on/x'],
      ['signalling', 'on'],
      [7, 'on']
    ];
    for (const [key, value] of bad) expect(decodePolicyField(key, value), `${String(key)}=${String(value)}`).toBeNull();
  });

  it('keeps a retired exemption (its passes still need words) but offers only the active', () => {
    const p = applyPolicyChange(defaultPolicy(), { field: 'exemption', exemption: { id: 'supply', order: 3, active: false, label: null } });
    expect(p.exemptions.map((x) => x.id)).toContain('supply');
    expect(activeExemption(p, 'supply')).toBeUndefined();
    expect(activeExemption(p, 'medical')?.id).toBe('medical');
    expect(activeExemption(p, 'nope')).toBeUndefined();
  });

  it('lists exemptions by their order, ties by id', () => {
    const p = readPolicy([
      ['exemption:zz', '0/on/最后'],
      ['exemption:aa', '0/on/第一'],
      ['exemption:medical', '9/on/']
    ]);
    expect(p.exemptions.map((x) => x.id)).toEqual(['aa', 'zz', 'ambulance', 'epidemic-staff', 'supply', 'medical']);
  });

  it('finds the changes an edited policy makes, one per field, and none for no edit', () => {
    const before = defaultPolicy();
    expect(policyChanges(before, before)).toEqual([]);
    const after = applyPolicyChange(applyPolicyChange(before, { field: 'mode', mode: 'closed' }), { field: 'exemption', exemption: { id: 'x1', order: 4, active: true, label: '送餐' } });
    expect(policyChanges(before, after)).toEqual([
      { field: 'mode', mode: 'closed' },
      { field: 'exemption', exemption: { id: 'x1', order: 4, active: true, label: '送餐' } }
    ]);
  });
});
