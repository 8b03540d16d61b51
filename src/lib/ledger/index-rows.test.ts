import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Ledger } from './ledger';
import { dayDocName } from './docs';
import { makeEntryDraft } from '$lib/core/builders';
import { digestOf } from '$lib/core/digest';
import { DayDigests } from './day-digests';
import { T0, deleteTestLedgers, openTestLedger } from './fixtures';

afterEach(deleteTestLedgers);

const DAY = '2026-11-22';

/**
 * Adds to `db`'s update log a row holding `n` entries of another tablet, the way another tab
 * or a crash between steps leaves it: no index rows, no digest counting them.
 */
async function strayEntries(target: Awaited<ReturnType<typeof openTestLedger>>, n: number): Promise<void> {
  const { ledger: other } = await openTestLedger('other');
  for (let i = 0; i < n; i++) await other.record(makeEntryDraft({ subject: `stray${i}` }));
  const update = Y.encodeStateAsUpdate(await other.dayDoc(DAY));
  await target.db.updates.add({ doc: dayDocName(DAY), data: update });
}

describe('the start-up check of a day', () => {
  it('rebuilds the stored digest with the rows: the tablet advertises what it holds, not an old count', async () => {
    const opened = await openTestLedger('s');
    for (let i = 0; i < 27; i++) await opened.ledger.record(makeEntryDraft({ subject: `p${i}` }));
    expect((await opened.ledger.dayDigest(DAY)).count).toBe(27);
    opened.ledger.destroy();
    await strayEntries(opened, 13);

    const reopened = await Ledger.open(opened.db, opened.site, { now: () => T0 });
    await reopened.settled();
    const keys = (await opened.db.entries.where('day').equals(DAY).primaryKeys()) as string[];
    expect(keys).toHaveLength(40);
    expect(await reopened.dayDigest(DAY)).toEqual(digestOf(keys));
    reopened.destroy();

    // …and stored so: a later start reads the right count without counting again.
    const again = await Ledger.open(opened.db, opened.site, { now: () => T0 });
    expect((await again.dayDigest(DAY)).count).toBe(40);
    again.destroy();
  });

  it('tells listeners when only the digest was stale, so the advert is sent anew', async () => {
    const opened = await openTestLedger('s');
    await opened.ledger.record(makeEntryDraft({ subject: 'p' }));
    opened.ledger.destroy();
    // Rows and log agree, the digest does not (written by a version that counted wrong).
    await opened.db.meta.put({ key: `digest:${dayDocName(DAY)}`, value: { count: 9, a: 1, b: 2 } });

    const reopened = await Ledger.open(opened.db, opened.site, { now: () => T0 });
    const told: string[] = [];
    reopened.onEntries((day) => told.push(day));
    await reopened.settled();
    expect(told).toEqual([DAY]);
    expect((await reopened.dayDigest(DAY)).count).toBe(1);
    reopened.destroy();
  });

  it('the advert sync starts with right after opening counts what the log holds (peers no longer see 对方少 N 条)', async () => {
    const opened = await openTestLedger('s');
    for (let i = 0; i < 27; i++) await opened.ledger.record(makeEntryDraft({ subject: `p${i}` }));
    opened.ledger.destroy();
    await strayEntries(opened, 13);

    const reopened = await Ledger.open(opened.db, opened.site, { now: () => T0 });
    // Sync starts its advert as soon as the site is open, while the check runs in the write lane.
    let advertised = 0;
    const digests = new DayDigests(reopened, (d) => (advertised = d.get(DAY)?.count ?? 0), 10);
    await reopened.settled();
    await expect.poll(() => advertised).toBe(40);
    digests.destroy();
    reopened.destroy();
  });
});
