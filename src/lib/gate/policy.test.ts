import { describe, expect, it } from 'vitest';
import { MAX_EXEMPTIONS, applyPolicyChange, defaultPolicy, type GatePolicy } from '$lib/core/gate-policy';
import { readPolicy } from '$lib/core/gate-policy-codec';
import { decodeEntry, encodeEntry } from '$lib/core/entry-codec';
import { makeEntry } from '$lib/core/builders';
import { addExemption, makeExemptionId, offerExemption, offeredExemptions, policyEntryFields, relabelExemption, setQuota, type PolicyEdit } from './policy';

const apply = (p: GatePolicy, edit: PolicyEdit) => {
  if (!edit.ok) throw new Error(edit.problem);
  return applyPolicyChange(p, edit.change);
};

describe('editing the gate policy', () => {
  it('adds an exemption at the end of the list, offered, under a fresh id', () => {
    const id = makeExemptionId(new Uint8Array([1, 2, 3, 4, 255, 9]));
    expect(id).toBe('x01020304ff');
    const p = apply(defaultPolicy(), addExemption(defaultPolicy(), '  送药上门 ', id));
    expect(offeredExemptions(p).at(-1)).toEqual({ id, order: 4, active: true, label: '送药上门' });
  });

  it('refuses a label no tablet would show, an id taken, and a list already full', () => {
    const p = defaultPolicy();
    expect(addExemption(p, '   ', 'x1')).toEqual({ ok: false, problem: 'bad-label' });
    expect(addExemption(p, '送\u202e药', 'x1')).toEqual({ ok: false, problem: 'bad-label' });
    expect(addExemption(p, '送药', 'medical')).toEqual({ ok: false, problem: 'bad-id' });
    let full = p;
    for (let i = full.exemptions.length; i < MAX_EXEMPTIONS; i++) full = apply(full, addExemption(full, `事由${i}`, `x${i}`));
    expect(addExemption(full, '再一个', 'xmore')).toEqual({ ok: false, problem: 'too-many' });
  });

  it('renames a default and gives it back its own words; an added one always has a label', () => {
    const renamed = apply(defaultPolicy(), relabelExemption(defaultPolicy(), 'medical', '看病'));
    expect(renamed.exemptions[0]).toMatchObject({ id: 'medical', label: '看病' });
    expect(apply(renamed, relabelExemption(renamed, 'medical', null)).exemptions[0]!.label).toBeNull();
    const added = apply(defaultPolicy(), addExemption(defaultPolicy(), '维修', 'x1'));
    expect(relabelExemption(added, 'x1', null)).toEqual({ ok: false, problem: 'bad-label' });
    expect(relabelExemption(added, 'nope', '维修')).toEqual({ ok: false, problem: 'unknown-exemption' });
  });

  it('retires an exemption, keeping it for the passes recorded under it, and offers it again', () => {
    const retired = apply(defaultPolicy(), offerExemption(defaultPolicy(), 'supply', false));
    expect(offeredExemptions(retired).map((x) => x.id)).toEqual(['medical', 'ambulance', 'epidemic-staff']);
    expect(retired.exemptions.map((x) => x.id)).toContain('supply');
    expect(offeredExemptions(apply(retired, offerExemption(retired, 'supply', true)))).toHaveLength(4);
  });

  it('sets a quota within its bounds, or none', () => {
    expect(setQuota({ outings: 1, days: 2, hours: 4 })).toEqual({ ok: true, change: { field: 'quota', quota: { outings: 1, days: 2, hours: 4 } } });
    expect(setQuota(null)).toEqual({ ok: true, change: { field: 'quota', quota: null } });
    for (const bad of [{ outings: 0, days: 2, hours: 4 }, { outings: 1, days: 2.5, hours: 4 }, { outings: 1, days: 2, hours: 100 }]) expect(setQuota(bad)).toEqual({ ok: false, problem: 'bad-quota' });
  });

  it('records each change as an entry that reads back as the change, as the site doc stores it', () => {
    const edit = addExemption(defaultPolicy(), '维修', 'x1');
    if (!edit.ok) throw new Error(edit.problem);
    const fields = policyEntryFields(edit.change);
    expect(fields).toEqual({ kind: 'policy', subject: 'exemption:x1', verdict: 'accepted', note: '4/on/维修' });
    const e = makeEntry({ id: 'aaaaaaaa:1', device: 'aaaaaaaa', ...fields, direction: undefined });
    delete e.direction;
    expect(decodeEntry(e.id, encodeEntry(e))).toEqual(e);
    expect(readPolicy([[fields.subject, fields.note]])).toEqual(applyPolicyChange(defaultPolicy(), edit.change));
  });
});
