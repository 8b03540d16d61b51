/**
 * Seeds a tablet with a large day of entries written by another (absent) tablet, the way
 * they would lie on disk after a big day: one row of the update log. The ledger rebuilds
 * the index rows from it when the app next opens (the index is derived, never the truth),
 * so a test needs to write only the log.
 */
import * as Y from 'yjs';
import type { Page } from '@playwright/test';
import { encodeEntry } from '../../src/lib/core/entry-codec';
import { formatEntryId } from '../../src/lib/core/entry-id';
import { dayKey } from '../../src/lib/core/day';
import { makeEntry } from '../../src/lib/core/builders';
import type { Person } from '../../src/lib/core/types';

/** `count` gate entries of `device` today (Asia/Shanghai), alternating in and out per person. */
export function dayOfEntries(device: string, people: Person[], count: number, now = Date.now()) {
  const doc = new Y.Doc();
  const start = now - count * 50;
  doc.transact(() => {
    const map = doc.getMap('entries');
    for (let seq = 1; seq <= count; seq++) {
      const out = Math.floor((seq - 1) / people.length) % 2 === 1;
      const id = formatEntryId(device, seq);
      const e = makeEntry({ id, device, subject: people[(seq - 1) % people.length]!.id, kind: out ? 'gate-out' : 'gate-in', direction: out ? 'out' : 'in', at: start + seq * 50, staff: '夜班' });
      map.set(id, encodeEntry(e));
    }
  });
  return { day: dayKey(now, 'Asia/Shanghai'), update: Y.encodeStateAsUpdate(doc) };
}

/** Writes one update of a day doc into the log of the site's database in the page's origin. */
export async function writeDayUpdate(page: Page, siteId: string, day: string, update: Uint8Array) {
  await page.evaluate(
    async ({ name, doc, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('updates', 'readwrite', { durability: 'strict' });
        tx.objectStore('updates').add({ doc, data: bytes });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { name: `bastion-site-${siteId}`, doc: `day:${day}`, base64: Buffer.from(update).toString('base64') }
  );
}
