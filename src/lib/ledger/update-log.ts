/**
 * The update log, the truth of the ledger: every Yjs update of every doc, one row per write
 * (site-db.ts, `updates`). A doc is what its rows give when applied in one Yjs transaction;
 * compaction replaces a doc's rows by one row holding the same state.
 */
import * as Y from 'yjs';
import type { SiteDb } from './site-db';

/** Tags the transaction that loads a doc from disk, so no listener stores it again. */
export const ORIGIN_LOAD = Symbol('bastion-load');

/** Loads a doc from its log rows in one Yjs transaction. */
export async function loadDoc(db: SiteDb, docName: string): Promise<Y.Doc> {
  const rows = await db.updates.where('doc').equals(docName).toArray();
  const doc = new Y.Doc({ gc: true });
  Y.transact(doc, () => rows.forEach((r) => Y.applyUpdate(doc, r.data)), ORIGIN_LOAD);
  return doc;
}

/** The names of every doc the log holds rows of. */
export async function loggedDocNames(db: SiteDb): Promise<string[]> {
  return (await db.updates.orderBy('doc').uniqueKeys()) as string[];
}

/**
 * Replaces a doc's log rows by one row holding the doc's encoding, in one transaction. The
 * rows are loaded into a fresh doc and re-encoded (never Y.mergeUpdates over many rows:
 * quadratic).
 */
export async function compactLog(db: SiteDb, docName: string): Promise<void> {
  await db.transaction('rw', db.updates, async () => {
    const rows = await db.updates.where('doc').equals(docName).toArray();
    if (rows.length < 2) return;
    const doc = new Y.Doc();
    Y.transact(doc, () => rows.forEach((r) => Y.applyUpdate(doc, r.data)), ORIGIN_LOAD);
    const data = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    await db.updates.bulkDelete(rows.map((r) => r.seq!));
    await db.updates.add({ doc: docName, data });
  });
}
