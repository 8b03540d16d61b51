import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { QUOTA_BOUNDS, defaultPolicy, type OutingQuota } from '$lib/core/gate-policy';
import { labelProblem, pendingChangeText, quotaForm, quotaProblemText, readQuotaForm, QUOTA_FIELDS } from './policy-form';
import { exemptionText } from './policy-text';

const text = (q: Record<keyof OutingQuota, number | string>) => ({ on: true, outings: String(q.outings), days: String(q.days), hours: String(q.hours) });

describe('the quota as typed', () => {
  it('reads back every quota within its bounds, and off as none', () => {
    const inBounds = fc.record({ outings: fc.integer({ min: 1, max: 20 }), days: fc.integer({ min: 1, max: 30 }), hours: fc.integer({ min: 1, max: 72 }) });
    fc.assert(
      fc.property(inBounds, (q) => {
        expect(readQuotaForm(quotaForm(q))).toEqual({ ok: true, quota: q });
      })
    );
    expect(readQuotaForm({ ...quotaForm(null), on: false })).toEqual({ ok: true, quota: null });
    expect(readQuotaForm(text({ outings: ' 2 ', days: '3', hours: '8' }))).toEqual({ ok: true, quota: { outings: 2, days: 3, hours: 8 } });
  });

  it('names each field that is no whole number within its bounds', () => {
    expect(readQuotaForm(text({ outings: 0, days: 31, hours: 72 }))).toEqual({ ok: false, fields: ['days', 'outings'] });
    expect(readQuotaForm(text({ outings: '1.5', days: '', hours: '-1' }))).toEqual({ ok: false, fields: ['days', 'outings', 'hours'] });
    expect(readQuotaForm(text({ outings: '１', days: '2e1', hours: '0x4' }))).toEqual({ ok: false, fields: ['days', 'outings', 'hours'] });
    const outside = fc.constantFrom(...QUOTA_FIELDS).chain((f) => fc.tuple(fc.constant(f), fc.oneof(fc.integer({ min: -5, max: QUOTA_BOUNDS[f][0] - 1 }), fc.integer({ min: QUOTA_BOUNDS[f][1] + 1, max: 999 }))));
    fc.assert(
      fc.property(outside, ([field, n]) => {
        expect(readQuotaForm({ ...quotaForm({ outings: 1, days: 2, hours: 4 }), [field]: String(n) })).toEqual({ ok: false, fields: [field] });
      })
    );
  });

  it('says what is wrong with a field in words, with its bounds', () => {
    expect(quotaProblemText('hours')).toBe('「时长（小时）」须为 1–72 的整数');
  });
});

describe('an exemption label', () => {
  it('is refused blank, too long, unprintable, or taken by another exemption, in either of its words', () => {
    const p = defaultPolicy();
    expect(labelProblem(p, '  ', exemptionText)).toBe('blank');
    expect(labelProblem(p, '药'.repeat(25), exemptionText)).toBe('too-long');
    expect(labelProblem(p, '送\u202e药', exemptionText)).toBe('unprintable');
    expect(labelProblem(p, ' 就医 ', exemptionText)).toBe('taken');
    // Renaming an exemption to its own name is no clash.
    expect(labelProblem(p, '就医', exemptionText, 'medical')).toBeNull();
    expect(labelProblem(p, '药'.repeat(24), exemptionText)).toBeNull();
  });
});

describe('a change about to be saved', () => {
  it('says a new name as a rename, and an addition or a retirement as such', () => {
    const p = defaultPolicy();
    const medical = p.exemptions[0]!;
    expect(pendingChangeText(p, { field: 'exemption', exemption: { ...medical, label: '看病' } })).toBe('外出事由「就医」改名为「看病」');
    expect(pendingChangeText(p, { field: 'exemption', exemption: { ...medical, active: false } })).toBe('外出事由「就医」：停用');
    expect(pendingChangeText(p, { field: 'exemption', exemption: { id: 'x1', order: 4, active: true, label: '送药' } })).toBe('外出事由「送药」：可选');
    expect(pendingChangeText(p, { field: 'mode', mode: 'only-in' })).toBe('通行模式：只进不出');
  });
});
