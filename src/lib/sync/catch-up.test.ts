import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatEntryId } from '$lib/core/entry-id';
import { DAY, connect, entriesState, entryValue, makePeer, settle } from './sync-fixtures';
import { MAX_MESSAGE } from './validate';

describe('a fresh tablet joining a site with 40,000 entries', () => {
  it('receives them all in messages of at most 64 KiB, with progress', async () => {
    const old = makePeer('deva0001');
    // Four tablets' worth of entries, each tablet one Yjs client.
    for (const device of ['deva0001', 'devb0001', 'devc0001', 'devd0001']) {
      const doc = new Y.Doc();
      doc.transact(() => {
        for (let seq = 1; seq <= 10_000; seq++) doc.getMap('entries').set(formatEntryId(device, seq), entryValue(device, seq));
      });
      Y.applyUpdate(old.store.open(DAY), Y.encodeStateAsUpdate(doc));
      old.store.registerDevice(device);
    }
    const fresh = makePeer('devz0001');
    const missing = Y.encodeStateAsUpdate(old.store.open(DAY), Y.encodeStateVector(fresh.store.open(DAY))).length;

    const started = performance.now();
    const { pair, sx, sy } = connect(old, fresh);
    await Promise.all([sx.whenSynced, sy.whenSynced]);
    await settle([old, fresh]);
    const ms = performance.now() - started;

    expect(Object.keys(entriesState(fresh)[DAY]!)).toHaveLength(40_000);
    expect(entriesState(fresh)).toEqual(entriesState(old));
    expect(fresh.problems).toEqual([]);
    expect(Math.max(...pair.a.sentSizes, ...pair.b.sentSizes)).toBeLessThanOrEqual(MAX_MESSAGE);
    const sent = pair.a.sentSizes.reduce((n, s) => n + s, 0);
    expect(sent / missing).toBeLessThanOrEqual(1.2);
    const last = fresh.progress.filter((p) => p.doc === DAY).at(-1)!;
    expect(last).toMatchObject({ received: 40_000, total: 40_000 });
    console.info(
      `40k catch-up: ${pair.a.sentSizes.length} messages, largest ${Math.max(...pair.a.sentSizes)} B, ` +
        `${sent} B sent for ${missing} B of missing state (×${(sent / missing).toFixed(3)}), ${ms.toFixed(0)} ms`
    );
  }, 30_000);
});
