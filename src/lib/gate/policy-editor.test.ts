import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SITE_DOC, policyOf } from '$lib/ledger/docs';
import { deleteTestLedgers, openTestLedger } from '$lib/ledger/fixtures';
import { LivePolicy } from './live-policy.svelte';
import { PolicyEditor } from './policy-editor.svelte';
import { policyEntryFields } from './policy';
import { policyLog } from './policy-log';

afterEach(deleteTestLedgers);

const PIN = '2468';

async function setup() {
  const { ledger } = await openTestLedger('pe');
  const live = new LivePolicy(ledger);
  let n = 0;
  const editor = new PolicyEditor(live, {
    save: (changes) => ledger.changePolicyRecorded(changes, (c) => ({ ...policyEntryFields(c), station: 'gate', staff: '李主任' })),
    checkPin: async (pin) => pin === PIN,
    randomBytes: (k) => new Uint8Array(k).fill(++n)
  });
  const logged = async () => policyLog(await ledger.reads.dayKindEntries(ledger.today(), 'policy')).map((r) => [r.entry.staff, r.change]);
  return { ledger, live, editor, logged };
}

/** A change of the site doc made on another tablet, arriving as its update would. */
async function peerWrites(ledger: Awaited<ReturnType<typeof setup>>['ledger'], key: string, value: string) {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(ledger.siteDoc));
  const before = Y.encodeStateVector(peer);
  policyOf(peer).set(key, value);
  await ledger.applyUpdate(SITE_DOC, Y.encodeStateAsUpdate(peer, before), 'peer');
}

describe('PolicyEditor', () => {
  it('keeps edits apart from the policy until saved behind the PIN; a wrong PIN changes nothing', async () => {
    const { ledger, live, editor, logged } = await setup();
    editor.setMode('only-in');
    editor.editQuota({ on: true, outings: '1', days: '2', hours: '4' });
    expect(editor.shown).toMatchObject({ mode: 'only-in', quota: { outings: 1, days: 2, hours: 4 } });
    expect(live.current.mode).toBe('normal');
    expect(editor.changes).toHaveLength(2);

    expect(await editor.save('1111')).toEqual({ kind: 'wrong-pin' });
    expect(ledger.policy()).toMatchObject({ mode: 'normal', quota: null });
    expect(await logged()).toEqual([]);
    expect(editor.changes).toHaveLength(2); // the edits are still there to save

    expect(await editor.save(PIN)).toEqual({ kind: 'saved', count: 2 });
    expect(live.current).toMatchObject({ mode: 'only-in', quota: { outings: 1, days: 2, hours: 4 } });
    expect(editor.changes).toEqual([]);
    expect(editor.saved).toBe(2);
    expect((await logged()).map(([staff]) => staff)).toEqual(['李主任', '李主任']);
    expect(await editor.save(PIN)).toEqual({ kind: 'nothing' });
  });

  it('refuses to save a quota out of its bounds, naming each field, and saves nothing else either', async () => {
    const { ledger, editor } = await setup();
    editor.setTemperature(true);
    editor.editQuota({ on: true, outings: '0', days: '2', hours: '99' });
    expect(editor.quotaProblems).toEqual(['outings', 'hours']);
    editor.editQuota({ hours: '' });
    expect(editor.quotaProblems).toEqual(['outings', 'hours']);
    expect(await editor.save(PIN)).toEqual({ kind: 'invalid' });
    expect(ledger.policy()).toMatchObject({ temperature: false, quota: null });
    editor.editQuota({ on: false });
    expect(editor.quotaProblems).toEqual([]);
    expect(await editor.save(PIN)).toEqual({ kind: 'saved', count: 1 });
    expect(ledger.policy()).toMatchObject({ temperature: true, quota: null });
  });

  it('adds, renames, retires and offers again exemptions; refuses a blank, too long or taken name', async () => {
    const { ledger, editor } = await setup();
    expect(editor.addExemption('   ')).toBe('blank');
    expect(editor.addExemption('很'.repeat(25))).toBe('too-long');
    expect(editor.addExemption('就医')).toBe('taken'); // the default's own words
    expect(editor.addExemption(' 送药上门 ')).toBeNull();
    const added = editor.shown.exemptions.at(-1)!;
    expect(added).toMatchObject({ label: '送药上门', active: true, order: 4 });
    expect(editor.renameExemption('medical', '送药上门')).toBe('taken');
    expect(editor.renameExemption('medical', '看病')).toBeNull();
    editor.offerExemption(editor.shown.exemptions.find((x) => x.id === 'supply')!, false);
    expect(editor.changes).toHaveLength(3);
    // Retiring one added since the last save takes it back.
    editor.offerExemption(added, false);
    expect(editor.shown.exemptions.some((x) => x.id === added.id)).toBe(false);
    expect(await editor.save(PIN)).toEqual({ kind: 'saved', count: 2 });
    expect(ledger.policy().exemptions.map((x) => [x.id, x.active, x.label])).toEqual([
      ['medical', true, '看病'],
      ['ambulance', true, null],
      ['epidemic-staff', true, null],
      ['supply', false, null]
    ]);
    // A default named in its own words again has them back (in each language), as does restoring it.
    expect(editor.renameExemption('medical', '就医')).toBeNull();
    expect(editor.shown.exemptions[0]!.label).toBeNull();
    editor.discard();
    editor.restoreLabel('medical');
    editor.offerExemption(editor.shown.exemptions.find((x) => x.id === 'supply')!, true);
    expect(await editor.save(PIN)).toEqual({ kind: 'saved', count: 2 });
    expect(ledger.policy().exemptions.every((x) => x.active && x.label === null)).toBe(true);
  });

  it('follows a change another tablet made, and saves only the fields edited here', async () => {
    const { ledger, live, editor, logged } = await setup();
    editor.setMode('closed');
    await peerWrites(ledger, 'temperature', 'on');
    expect(live.current.temperature).toBe(true);
    expect(editor.shown).toMatchObject({ mode: 'closed', temperature: true });
    // The other tablet set the same mode: nothing left to save for it.
    await peerWrites(ledger, 'mode', 'closed');
    expect(editor.changes).toEqual([]);
    editor.setMode('only-in');
    expect(await editor.save(PIN)).toEqual({ kind: 'saved', count: 1 });
    expect(ledger.policy()).toMatchObject({ mode: 'only-in', temperature: true });
    expect((await logged()).map(([, change]) => change)).toEqual([{ field: 'mode', mode: 'only-in' }]);
  });
});
