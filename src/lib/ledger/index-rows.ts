/**
 * The index side of the ledger: the entry rows derived from the day docs, and the check at
 * start that rebuilds them where they disagree with the docs (a crash between
 * schema versions, a bug, a hand-edited database). The rows are always derived, never the
 * truth: rebuilding them from the docs gives the same rows. So is the day's stored digest
 * (digest-cache.ts), which the check rebuilds with them: a tablet advertises its digest, and
 * a stale one tells every peer it lacks entries it holds.
 */
import type * as Y from 'yjs';
import { decodeEntry } from '$lib/core/entry-codec';
import { digestOf, sameDigest, type Digest } from '$lib/core/digest';
import { digestKey, digestRow, isDigest } from './digest-cache';
import type { EntryRow, SiteDb } from './site-db';
import { entriesOf } from './docs';
import { loadDoc } from './update-log';

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

/** What the check of a day found: the doc on disk, its digest, and what had to be rebuilt. */
export interface DayCheck {
  doc: Y.Doc;
  digest: Digest;
  /** The index rows disagreed with the doc and were rebuilt. */
  rebuilt: boolean;
  /** The stored digest did not count what the doc holds and was rewritten. */
  redigested: boolean;
}

/**
 * Checks a day's index rows and stored digest against its doc as the disk holds it, and
 * rebuilds them where they disagree. The doc is read from disk in the same transaction as
 * the rows, never taken from memory: another tab of this tablet may have stored entries
 * this tab has not absorbed yet, and a check against the older doc would delete their rows.
 */
export function checkDayIndex(db: SiteDb, docName: string): Promise<DayCheck> {
  return db.transaction('rw', [db.updates, db.entries, db.meta], async () => {
    const doc = await loadDoc(db, docName);
    const rebuilt = await rebuildDayIndex(db, doc, docName.slice(4));
    const digest = digestOf(entriesOf(doc).keys());
    const stored = (await db.meta.get(digestKey(docName)))?.value;
    const same = isDigest(stored) && sameDigest(stored, digest);
    if (!same) await db.meta.put(digestRow(docName, digest));
    // A day with no digest stored yet was not advertised wrong; one stored wrong was.
    const redigested = !same && stored !== undefined;
    return { doc, digest, rebuilt, redigested };
  });
}

function sameKeys(indexed: Set<string>, map: Y.Map<unknown>): boolean {
  if (indexed.size !== map.size) return false;
  for (const k of map.keys()) if (!indexed.has(k)) return false;
  return true;
}
