/**
 * Test helpers for a real Ledger over fake-indexeddb (tests import 'fake-indexeddb/auto'
 * first): open ledgers on fresh databases, delete them all afterwards, and deliver an entry
 * as a peer's update would (`applyUpdate`, the path catch-ups take).
 */
import * as Y from 'yjs';
import { makeEntryDraft, makeSite } from '$lib/core/builders';
import { dayKey } from '$lib/core/day';
import { encodeEntry } from '$lib/core/entry-codec';
import type { Entry } from '$lib/core/types';
import { SiteDb } from '$lib/ledger/site-db';
import { dayDocName, entriesOf } from './docs';
import { Ledger } from './ledger';

/** 10:00 on 2026-11-22 in Asia/Shanghai, the test sites' zone. */
export const T0 = Date.UTC(2026, 10, 22, 2, 0, 0);

const opened: SiteDb[] = [];
let sites = 0;

/**
 * A ledger of a new site on its own database; `now` is its clock. The `db` is for the ledger's
 * own tests; tests elsewhere read through the ledger (`ledger.reads`, its methods).
 */
export async function openTestLedger(prefix: string, now: () => number = () => T0) {
  const site = makeSite({ id: `${prefix}${++sites}abcd` });
  const db = new SiteDb(site.id);
  opened.push(db);
  return { site, db, ledger: await Ledger.open(db, site, { now }) };
}

/** Closes and deletes every database `openTestLedger` opened (for afterEach). */
export async function deleteTestLedgers(): Promise<void> {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
}

/** Delivers one entry made on another tablet, as its update would arrive. Returns it. */
export async function applyPeerEntry(ledger: Ledger, fields: Partial<Entry> = {}, origin: unknown = 'peer'): Promise<Entry> {
  const entry: Entry = { ...makeEntryDraft(), id: 'zzzzzzzz:1', device: 'zzzzzzzz', at: T0, ...fields };
  const peer = new Y.Doc();
  entriesOf(peer).set(entry.id, encodeEntry(entry));
  await ledger.applyUpdate(dayDocName(dayKey(entry.at, ledger.site.timeZone)), Y.encodeStateAsUpdate(peer), origin);
  peer.destroy();
  return entry;
}
