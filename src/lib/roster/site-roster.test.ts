import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { makePerson } from '$lib/core/builders';
import { deleteTestLedgers, openTestLedger } from '$lib/ledger/fixtures';
import { SiteRoster } from './site-roster.svelte';

afterEach(deleteTestLedgers);

const li = makePerson({ id: 'li000001', name: '李四' });
const zhang = makePerson({ id: 'zh000001', name: '张三' });

describe('SiteRoster', () => {
  it('holds the roster on disk when made, by id', async () => {
    const { ledger } = await openTestLedger('ro');
    await ledger.importPeople([li, zhang]);
    const roster = new SiteRoster(ledger);
    expect(roster.people).toHaveLength(2);
    expect(roster.person(li.id)).toEqual(li);
    expect(roster.person('nobody01')).toBeUndefined();
  });

  it('an import is on disk and in memory when it resolves; a changed person replaces the old', async () => {
    const { ledger } = await openTestLedger('ro');
    const roster = new SiteRoster(ledger);
    await roster.importPeople([li]);
    expect(roster.person(li.id)?.name).toBe('李四');
    await roster.importPeople([{ ...li, room: '202' }, zhang]);
    expect(roster.people).toHaveLength(2);
    expect(roster.person(li.id)?.room).toBe('202');
    expect(ledger.people()).toHaveLength(2);
  });

  it('a failed import changes nothing in memory', async () => {
    const { ledger } = await openTestLedger('ro');
    const roster = new SiteRoster({ people: () => ledger.people(), importPeople: () => Promise.reject(new Error('disk full')) });
    await expect(roster.importPeople([li])).rejects.toThrow('disk full');
    expect(roster.people).toEqual([]);
  });

  it('takes people added elsewhere once reloaded (a peer imported them)', async () => {
    const { ledger } = await openTestLedger('ro');
    const roster = new SiteRoster(ledger);
    await ledger.importPeople([zhang]);
    roster.reload();
    expect(roster.person(zhang.id)).toEqual(zhang);
  });
});
