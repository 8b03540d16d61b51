import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeEntryDraft } from '$lib/core/builders';
import type { Direction, Entry } from '$lib/core/types';
import { T0, applyPeerEntry, deleteTestLedgers, openTestLedger } from '$lib/ledger/fixtures';
import { policyEntryFields } from './policy';
import { SiteTallyView } from './site-tally.svelte';
import { watchedDays } from './outing-watch.svelte';

afterEach(deleteTestLedgers);

const HOUR = 3_600_000;
const quota = { outings: 1, days: 2, hours: 4 };
const households: Record<string, string> = { a: 'h1', b: 'h1', c: 'h2', d: 'h3' };

async function setup(withQuota = true) {
  let clock = T0;
  const { ledger } = await openTestLedger('ow', () => clock);
  if (withQuota) await ledger.changePolicy([{ field: 'quota', quota }]);
  const pass = (subject: string, direction: Direction, at: number, fields: Partial<Entry> = {}) =>
    ledger.record(makeEntryDraft({ kind: direction === 'in' ? 'gate-in' : 'gate-out', direction, subject, verdict: 'accepted', at, ...fields }));
  let peerSeq = 0;
  const peerPass = (subject: string, direction: Direction, at: number) =>
    applyPeerEntry(ledger, { id: `zzzzzzzz:${++peerSeq}`, kind: direction === 'in' ? 'gate-in' : 'gate-out', direction, subject, verdict: 'accepted', staff: '赵六', at });
  const view = new SiteTallyView(ledger, (id) => households[id], { now: () => clock, tickMs: 0 });
  const setClock = (at: number) => {
    clock = at;
    view.outings.refresh();
  };
  return { ledger, view, pass, peerPass, setClock };
}

describe('the overdue list on the tally', () => {
  it('lists whoever is out past the hours with the pass that let them out, live as passes arrive and time passes', async () => {
    const { view, pass, peerPass, setClock } = await setup();
    const aOut = await pass('a', 'out', T0 - 5 * HOUR);
    await pass('c', 'out', T0 - 6 * HOUR);
    await pass('c', 'in', T0 - 3 * HOUR); // came back: not overdue
    await pass('d', 'out', T0 - 3 * HOUR); // out, within the hours
    await vi.waitFor(() => expect(view.outings.overdue.map((o) => o.person)).toEqual(['a']));
    const [a] = view.outings.overdue;
    expect(a!.left).toMatchObject({ id: aOut.id, at: T0 - 5 * HOUR, staff: aOut.staff, device: aOut.device });
    expect(a!.overdueBy).toBe(HOUR);

    // An hour later d is overdue too; a is still the longest out.
    setClock(T0 + 1.5 * HOUR);
    await vi.waitFor(() =>
      expect(view.outings.overdue.map((o) => [o.person, o.overdueBy])).toEqual([
        ['a', 2.5 * HOUR],
        ['d', 0.5 * HOUR]
      ])
    );
    // a comes back through another tablet's gate: off the list as soon as the pass arrives.
    await peerPass('a', 'in', T0 + HOUR);
    await vi.waitFor(() => expect(view.outings.overdue.map((o) => o.person)).toEqual(['d']));
    view.destroy();
  });

  it('sees an outing begun on an earlier day, and none when the site sets no quota', async () => {
    const { ledger, view, pass } = await setup(false);
    await pass('a', 'out', T0 - 30 * HOUR);
    await vi.waitFor(() => expect(view.outings.isLoading).toBe(false));
    expect(view.outings.overdue).toEqual([]);
    await ledger.changePolicy([{ field: 'quota', quota }]);
    await vi.waitFor(() => expect(view.outings.overdue.map((o) => [o.person, o.overdueBy])).toEqual([['a', 26 * HOUR]]));
    view.destroy();
  });

  it('reads more days when the quota counts over more of them, and the new day after midnight', async () => {
    expect(watchedDays(T0, 'Asia/Shanghai', 3)).toEqual(['2026-11-22', '2026-11-21', '2026-11-20']);
    const { ledger, view, pass, setClock } = await setup();
    expect(view.outings.days).toBe(7);
    await pass('a', 'out', T0 - 9 * 24 * HOUR);
    await vi.waitFor(() => expect(view.outings.isLoading).toBe(false));
    expect(view.outings.overdue).toEqual([]);
    await ledger.changePolicy([{ field: 'quota', quota: { ...quota, days: 10 } }]);
    expect(view.outings.days).toBe(11);
    await vi.waitFor(() => expect(view.outings.overdue.map((o) => o.person)).toEqual(['a']));
    // Past midnight: a pass out of the new day is read too.
    setClock(T0 + 16 * HOUR);
    await pass('d', 'out', T0 + 14 * HOUR + 30 * 60_000);
    setClock(T0 + 19 * HOUR);
    await vi.waitFor(() => expect(view.outings.overdue.map((o) => o.person)).toEqual(['a', 'd']));
    view.destroy();
  });
});

describe('quota conflicts on the tally', () => {
  it('names a household let out past its quota by two tablets apart, never one tablet alone', async () => {
    const { view, pass, peerPass } = await setup();
    const mine = await pass('a', 'out', T0 - HOUR);
    await pass('a', 'in', T0 - 0.5 * HOUR);
    await vi.waitFor(() => expect(view.outings.isLoading).toBe(false));
    expect(view.outings.conflicts).toEqual([]);
    // The other tablet, apart, let b of the same household out: two outings, quota one.
    const theirs = await peerPass('b', 'out', T0 - 0.75 * HOUR);
    await vi.waitFor(() => expect(view.outings.conflicts).toHaveLength(1));
    const [c] = view.outings.conflicts;
    expect(c!.household).toBe('h1');
    expect([c!.entry.id, c!.earlier.map((e) => e.id)]).toEqual([theirs.id, [mine.id]]);
    view.destroy();
  });
});

describe('the policy on the tally', () => {
  it('shows the policy in force and every change made to it, newest first, from this tablet and others', async () => {
    const { ledger, view } = await setup(false);
    await vi.waitFor(() => expect(view.policyLog).toEqual([]));
    const entryOf = (c: Parameters<typeof policyEntryFields>[0]) => ({ ...policyEntryFields(c), station: 'gate' as const, staff: '李主任' });
    await ledger.changePolicyRecorded([{ field: 'mode', mode: 'only-in' }], entryOf);
    expect(view.policy.current.mode).toBe('only-in');
    await vi.waitFor(() => expect(view.policyLog?.map((r) => r.change)).toEqual([{ field: 'mode', mode: 'only-in' }]));
    await applyPeerEntry(ledger, { id: 'zzzzzzzz:9', kind: 'policy', subject: 'quota', note: '1/2/4', staff: '赵主任', at: T0 + 60_000 });
    await vi.waitFor(() => expect(view.policyLog?.map((r) => [r.entry.staff, r.change?.field])).toEqual([
      ['赵主任', 'quota'],
      ['李主任', 'mode']
    ]));
    view.destroy();
  });
});
