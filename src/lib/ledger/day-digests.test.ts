import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEntryDraft } from '$lib/core/builders';
import { digestOf, type Digest } from '$lib/core/digest';
import { SiteDb } from '$lib/ledger/site-db';
import { T0, deleteTestLedgers, openTestLedger } from './fixtures';
import { ADVERTISED_DAYS, DayDigests } from './day-digests';
import { Ledger } from './ledger';
import { dayDocName } from './docs';

const DAY = 86_400_000;
const setup = () => openTestLedger('od');

afterEach(deleteTestLedgers);

const truth = async (db: SiteDb, day: string) => digestOf((await db.entries.where('day').equals(day).primaryKeys()) as string[]);

describe('DayDigests', () => {
  it('digests every held day at start, then a day again once a write to it is durable', async () => {
    const { db, ledger } = await setup();
    for (const back of [0, 1, 1, 3]) await ledger.record(makeEntryDraft({ at: T0 - back * DAY }));
    const heard: ReadonlyMap<string, Digest>[] = [];
    const digests = new DayDigests(ledger, (d) => heard.push(new Map(d)), 10);
    await expect.poll(() => heard.length).toBe(1);
    expect([...heard[0]!.keys()].sort()).toEqual(['2026-11-19', '2026-11-21', '2026-11-22']);
    for (const day of ['2026-11-19', '2026-11-21', '2026-11-22']) expect(heard[0]!.get(day)).toEqual(await truth(db, day));

    await ledger.record(makeEntryDraft({ at: T0 }));
    await ledger.record(makeEntryDraft({ at: T0 + 1000 }));
    await expect.poll(() => heard.at(-1)?.get('2026-11-22')?.count).toBe(3);
    expect(heard.at(-1)!.get('2026-11-22')).toEqual(await truth(db, '2026-11-22'));
    expect(digests.digests?.get('2026-11-21')).toEqual(await truth(db, '2026-11-21'));
    digests.destroy();
  });

  it('refreshes while a long stream of writes goes on, not only once it stops', async () => {
    const { ledger } = await setup();
    let latest = 0;
    const digests = new DayDigests(ledger, (d) => (latest = d.get('2026-11-22')?.count ?? 0), 50);
    const seenDuring: number[] = [];
    for (let i = 0; i < 30; i++) {
      await ledger.record(makeEntryDraft({ at: T0 + i }));
      await new Promise((r) => setTimeout(r, 20)); // a write every ~20 ms: never 50 ms of quiet
      seenDuring.push(latest);
    }
    expect(seenDuring.some((n) => n > 0 && n < 30)).toBe(true);
    digests.destroy();
  });

  it('advertises only the newest days', async () => {
    const { ledger } = await setup();
    for (let back = 0; back < ADVERTISED_DAYS + 3; back++) await ledger.record(makeEntryDraft({ at: T0 - back * DAY }));
    let latest: ReadonlyMap<string, Digest> | undefined;
    const digests = new DayDigests(ledger, (d) => (latest = d), 10);
    await expect.poll(() => latest?.size).toBe(ADVERTISED_DAYS);
    expect(latest!.has('2026-11-22')).toBe(true);
    expect(latest!.has(new Date(T0 - (ADVERTISED_DAYS + 2) * DAY).toISOString().slice(0, 10))).toBe(false);
    digests.destroy();
  });

  it('counts another tab\'s write to a day this tab has not loaded (no update reaches it, only the notice)', async () => {
    const { site, db, ledger } = await setup();
    await ledger.record(makeEntryDraft({ at: T0 }));
    let latest = new Map<string, Digest>();
    const digests = new DayDigests(ledger, (d) => (latest = new Map(d)), 10);
    await expect.poll(() => latest.size).toBe(1);

    // The other tab records a past day and tells this one, which has not loaded that day.
    const other = await Ledger.open(new SiteDb(site.id), site, { now: () => T0 });
    const past = '2026-11-20';
    await other.record(makeEntryDraft({ at: T0 - 2 * DAY }));
    await ledger.absorb(dayDocName(past), new Uint8Array());
    await expect.poll(() => latest.get(past)?.count).toBe(1);
    expect(latest.get(past)).toEqual(await truth(db, past));
    other.close();
    digests.destroy();
  });
});
