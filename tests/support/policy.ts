/**
 * Sets the gate policy of a tablet's site as a supervisor's change would leave it, for
 * tests that need a policy before the policy screen exists to set it: the change is
 * written as one update of the site doc into the log of the site's database in the page's
 * origin, and the app reads it when it next opens the site (reload the page after).
 */
import * as Y from 'yjs';
import type { Page } from '@playwright/test';
import type { PolicyChange } from '../../src/lib/core/gate-policy';
import { writePolicy } from '../../src/lib/ledger/site-doc';

/** Writes `changes` into the site doc of `siteId` on the tablet of `page`. */
export async function seedPolicy(page: Page, siteId: string, changes: readonly PolicyChange[]) {
  const doc = new Y.Doc();
  writePolicy(doc, changes);
  const update = Y.encodeStateAsUpdate(doc);
  await page.evaluate(
    async ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('updates', 'readwrite', { durability: 'strict' });
        tx.objectStore('updates').add({ doc: 'site', data: bytes });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { name: `bastion-site-${siteId}`, base64: Buffer.from(update).toString('base64') }
  );
}
