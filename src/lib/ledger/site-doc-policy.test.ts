import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultPolicy, type PolicyChange } from '$lib/core/gate-policy';
import { Ledger } from './ledger';
import { policyOf } from './docs';
import { deleteTestLedgers, openTestLedger, T0 } from './fixtures';
import { policyIn, writePolicy } from './site-doc';

const quota = { outings: 1, days: 2, hours: 4 };
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};
const added = (id: string, order: number, label: string): PolicyChange => ({ field: 'exemption', exemption: { id, order, active: true, label } });

afterEach(deleteTestLedgers);

describe('the gate policy in the site doc', () => {
  it('is the default until a supervisor writes, and writes only what changes', () => {
    const doc = new Y.Doc();
    expect(policyIn(doc)).toEqual(defaultPolicy());
    // Already what the doc says (an absent field says its default): nothing written.
    expect(writePolicy(doc, [{ field: 'mode', mode: 'normal' }, { field: 'unsigned-codes', on: true }])).toEqual([]);
    expect(policyOf(doc).size).toBe(0);
    const changes: PolicyChange[] = [
      { field: 'mode', mode: 'only-in' },
      { field: 'quota', quota },
      { field: 'temperature', on: false }
    ];
    expect(writePolicy(doc, changes)).toEqual(changes.slice(0, 2));
    expect(policyIn(doc)).toMatchObject({ mode: 'only-in', quota, temperature: false });
    expect(writePolicy(doc, changes)).toEqual([]);
  });

  it('refuses, writing nothing, a change no tablet could read back', () => {
    const doc = new Y.Doc();
    const bad: PolicyChange = { field: 'quota', quota: { outings: 0, days: 2, hours: 4 } };
    expect(() => writePolicy(doc, [{ field: 'mode', mode: 'closed' }, bad])).toThrow(RangeError);
    expect(() => writePolicy(doc, [added('x1', 4, ' 空格 ')])).toThrow(RangeError);
    expect(policyIn(doc)).toEqual(defaultPolicy());
  });

  it('merges two supervisors’ edits made apart field by field; on one field both tablets keep the same one', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writePolicy(a, [{ field: 'mode', mode: 'only-in' }]);
    sync(a, b);
    // Apart: A closes the gates and adds an exemption; B sets a quota, the temperature
    // check, another exemption, and also changes the mode.
    writePolicy(a, [{ field: 'mode', mode: 'closed' }, added('xa', 4, '送药')]);
    writePolicy(b, [{ field: 'quota', quota }, { field: 'temperature', on: true }, added('xb', 4, '维修'), { field: 'mode', mode: 'normal' }]);
    sync(a, b);
    const merged = policyIn(a);
    expect(policyIn(b)).toEqual(merged);
    expect(merged).toMatchObject({ quota, temperature: true });
    expect(['closed', 'normal']).toContain(merged.mode);
    expect(merged.exemptions.map((x) => x.id)).toEqual(['medical', 'ambulance', 'epidemic-staff', 'supply', 'xa', 'xb']);
    // After the merge, the next write wins on every tablet.
    writePolicy(b, [{ field: 'mode', mode: 'only-in' }]);
    sync(a, b);
    expect(policyIn(a).mode).toBe('only-in');
  });

  it('is durable through the ledger, which answers with the changes it wrote', async () => {
    const { site, db, ledger } = await openTestLedger('pol');
    expect(await ledger.changePolicy([{ field: 'mode', mode: 'closed' }, { field: 'temperature', on: false }])).toEqual([{ field: 'mode', mode: 'closed' }]);
    expect(await ledger.changePolicy([{ field: 'mode', mode: 'closed' }])).toEqual([]);
    await expect(ledger.changePolicy([{ field: 'quota', quota: { outings: 1, days: 99, hours: 1 } }])).rejects.toThrow(RangeError);
    ledger.destroy();
    const again = await Ledger.open(db, site, { now: () => T0 });
    expect(again.policy()).toMatchObject({ mode: 'closed', quota: null });
    again.destroy();
  });
});
