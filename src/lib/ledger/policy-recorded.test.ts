import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPolicy, type PolicyChange } from '$lib/core/gate-policy';
import { encodePolicyChange } from '$lib/core/gate-policy-codec';
import { Ledger, LedgerWriteError } from './ledger';
import { SITE_DOC, dayDocName, entriesOf } from './docs';
import { deleteTestLedgers, openTestLedger, T0 } from './fixtures';
import { loadDoc } from './update-log';

afterEach(deleteTestLedgers);

const DAY = '2026-11-22';
// What gate/policy.ts policyEntryFields makes, with the staff and station the screen adds.
const entryOf = (change: PolicyChange) => {
  const { key, value } = encodePolicyChange(change);
  return { kind: 'policy' as const, station: 'gate' as const, staff: '李主任', subject: key, verdict: 'accepted' as const, note: value };
};
const onlyIn: PolicyChange = { field: 'mode', mode: 'only-in' };
const quota: PolicyChange = { field: 'quota', quota: { outings: 1, days: 2, hours: 4 } };

describe('Ledger.changePolicyRecorded', () => {
  it('writes the changes and one entry each, both durable, and records nothing the doc already held', async () => {
    const { site, db, ledger } = await openTestLedger('pr');
    const heard: string[] = [];
    ledger.onPersisted((doc) => heard.push(doc));
    const entries = await ledger.changePolicyRecorded([onlyIn, quota, { field: 'temperature', on: false }], entryOf);
    expect(entries.map((e) => [e.subject, e.note, e.staff, e.device, e.at])).toEqual([
      ['mode', 'only-in', '李主任', ledger.deviceId, T0],
      ['quota', '1/2/4', '李主任', ledger.deviceId, T0]
    ]);
    // Listeners hear both docs, once the one transaction is on disk.
    expect(heard).toEqual([SITE_DOC, dayDocName(DAY)]);
    expect(await ledger.reads.dayKindEntries(DAY, 'policy')).toHaveLength(2);
    expect(await ledger.changePolicyRecorded([onlyIn], entryOf)).toEqual([]);
    expect(await ledger.reads.dayKindEntries(DAY, 'policy')).toHaveLength(2);

    ledger.destroy();
    const again = await Ledger.open(db, site, { now: () => T0 });
    expect(again.policy()).toMatchObject({ mode: 'only-in', quota: { outings: 1, days: 2, hours: 4 } });
    expect(entriesOf(await loadDoc(db, dayDocName(DAY))).size).toBe(2);
    again.destroy();
  });

  it('stores neither the change nor its entry when the transaction fails, and works again after', async () => {
    const { db, ledger } = await openTestLedger('pr');
    const failing = (_key: unknown, obj: { kind?: string }) => {
      if (obj.kind === 'policy') throw new Error('disk trouble');
    };
    db.entries.hook('creating', failing);
    await expect(ledger.changePolicyRecorded([onlyIn], entryOf)).rejects.toBeInstanceOf(LedgerWriteError);
    db.entries.hook('creating').unsubscribe(failing);

    // Neither in memory nor on disk: the site doc was reloaded without the change.
    expect(ledger.policy()).toEqual(defaultPolicy());
    expect((await loadDoc(db, SITE_DOC)).getMap('policy').size).toBe(0);
    expect(await ledger.reads.dayKindEntries(DAY, 'policy')).toEqual([]);
    expect(entriesOf(await loadDoc(db, dayDocName(DAY))).size).toBe(0);

    const [entry] = await ledger.changePolicyRecorded([onlyIn], entryOf);
    expect(entry).toMatchObject({ kind: 'policy', subject: 'mode', note: 'only-in' });
    expect(ledger.policy().mode).toBe('only-in');
  });

  it('refuses a change no tablet could read back, writing nothing', async () => {
    const { ledger } = await openTestLedger('pr');
    const bad: PolicyChange = { field: 'quota', quota: { outings: 0, days: 2, hours: 4 } };
    await expect(ledger.changePolicyRecorded([onlyIn, bad], entryOf)).rejects.toThrow(RangeError);
    expect(ledger.policy()).toEqual(defaultPolicy());
    expect(await ledger.reads.dayKindEntries(DAY, 'policy')).toEqual([]);
  });
});
