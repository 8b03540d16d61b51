import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRound } from '$lib/core/sampling-builders';
import { deleteTestLedgers, openTestLedger, T0 } from '$lib/ledger/fixtures';
import { SiteRounds, type RoundFields } from './site-rounds.svelte';

afterEach(deleteTestLedgers);

const fields = (overrides: Partial<RoundFields> = {}): RoundFields => ({ name: '第3轮', date: '2026-11-22', pooling: 10, stickerColour: 'blue', ...overrides });

async function setup() {
  const { ledger } = await openTestLedger('sr');
  let clock = T0;
  let ids = 0;
  const rounds = new SiteRounds(ledger, { now: () => clock, makeId: () => `rnd${++ids}` });
  const later = (ms: number) => (clock += ms);
  return { ledger, rounds, later };
}

describe('SiteRounds', () => {
  it('a site starts with no round open', async () => {
    const { rounds } = await setup();
    expect(rounds.all).toEqual([]);
    expect(rounds.current).toBeUndefined();
  });

  it('opens a round that the sampling stations then record into, kept on disk', async () => {
    const { ledger, rounds } = await setup();
    const round = await rounds.open(fields({ name: '  第3轮 ' }));
    expect(round).toEqual({ id: 'rnd1', ...fields(), openedAt: T0 });
    expect(rounds.current).toEqual(round);
    expect(ledger.rounds()).toEqual([round]);
  });

  it('the newest open round is the current one; the list is newest first', async () => {
    const { rounds, later } = await setup();
    const third = await rounds.open(fields());
    later(3_600_000);
    const fourth = await rounds.open(fields({ name: '第4轮' }));
    expect(rounds.current?.id).toBe(fourth.id);
    expect(rounds.all.map((r) => r.id)).toEqual([fourth.id, third.id]);
  });

  it('closes a round: no round is current, and the list shows when it closed', async () => {
    const { ledger, rounds, later } = await setup();
    const round = await rounds.open(fields());
    later(60_000);
    await rounds.close(round);
    expect(rounds.current).toBeUndefined();
    expect(rounds.all).toEqual([{ ...round, closedAt: T0 + 60_000 }]);
    expect(ledger.rounds()[0]?.closedAt).toBe(T0 + 60_000);
  });

  it('refuses a round that fails the check, and nothing changes', async () => {
    const { ledger, rounds } = await setup();
    await expect(rounds.open(fields({ name: '   ' }))).rejects.toThrow(RangeError);
    expect(rounds.all).toEqual([]);
    expect(ledger.rounds()).toEqual([]);
  });

  it('takes a round opened elsewhere once reloaded (a peer opened it)', async () => {
    const { ledger, rounds } = await setup();
    const peers = makeRound({ id: 'peer1', openedAt: T0 });
    await ledger.saveRound(peers);
    rounds.reload();
    expect(rounds.current).toEqual(peers);
  });
});
