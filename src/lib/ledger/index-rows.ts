/**
 * The index side of the ledger: the entry rows derived from the day docs, and the check at
 * start that rebuilds them where they disagree with the docs (a crash between
 * schema versions, a bug, a hand-edited database). The rows are always derived, never the
 * truth: rebuilding them from the docs gives the same rows.
 */
import * as Y from 'yjs';
import { decodeEntry } from '$lib/core/entry-codec';
import type { EntryRow, SiteDb } from '$lib/ledger/site-db';
import { entriesOf } from './docs';

/** Tags the transaction that loads a doc from disk, so no listener stores it again. */
export const ORIGIN_LOAD = Symbol('bastion-load');

/** Loads a doc from its log rows in one Yjs transaction. */
export async function loadDoc(db: SiteDb, docName: string): Promise<Y.Doc> {
  const rows = await db.updates.where('doc').equals(docName).toArray();
  const doc = new Y.Doc({ gc: true });
  Y.transact(doc, () => rows.forEach((r) => Y.applyUpdate(doc, r.data)), ORIGIN_LOAD);
  return doc;
}

/** The index rows of `keys` in a day's doc (keys that do not decode have none). */
export function entryRows(doc: Y.Doc, day: string, keys: Iterable<string>): EntryRow[] {
  const map = entriesOf(doc);
  const rows: EntryRow[] = [];
  for (const k of keys) {
    const e = decodeEntry(k, map.get(k));
    if (e) rows.push({ ...e, day });
  }
  return rows;
}

export async function writeEntryRows(db: SiteDb, doc: Y.Doc, day: string, keys: Set<string>): Promise<void> {
  if (keys.size > 0) await db.entries.bulkPut(entryRows(doc, day, keys));
}

/** Rebuilds a day's entry rows if they disagree with its doc. Returns whether it had to. */
export async function rebuildDayIndex(db: SiteDb, doc: Y.Doc, day: string): Promise<boolean> {
  const map = entriesOf(doc);
  const indexed = new Set(await db.entries.where('day').equals(day).primaryKeys());
  if (sameKeys(indexed, map)) return false;
  await db.transaction('rw', db.entries, async () => {
    await db.entries.where('day').equals(day).delete();
    await writeEntryRows(db, doc, day, new Set(map.keys()));
  });
  return true;
}

function sameKeys(indexed: Set<string>, map: Y.Map<unknown>): boolean {
  if (indexed.size !== map.size) return false;
  for (const k of map.keys()) if (!indexed.has(k)) return false;
  return true;
}
