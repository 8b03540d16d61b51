/**
 * Tablets in one page for the sync figures: each a real Ledger on its own IndexedDB database,
 * with the app's SyncNode over `ledgerStore`, joined by the in-memory transport of the sync
 * tests (loopback: no network, so the figures are the protocol's and the storage's own).
 */
import * as Y from 'yjs';
import { Ledger } from '$lib/ledger/ledger';
import { ledgerStore } from '$lib/sync/ledger-store';
import { SITE_DOC, dayDocName, entriesOf } from '$lib/ledger/docs';
import { SyncNode } from '$lib/sync/node';
import { createConnectedPair, type ConnectedPair } from '$lib/sync/memory-transport';
import { SiteDb } from '$lib/ledger/site-db';
import { encodeEntry } from '$lib/core/entry-codec';
import { formatEntryId } from '$lib/core/entry-id';
import type { Site } from '$lib/core/types';

export interface Tablet {
  ledger: Ledger;
  /** The tablet's database, for the storage figures (the app asks the ledger). */
  db: SiteDb;
  node: SyncNode;
  close(): void;
}

/** Opens a tablet of `site` on the database `dbName` (deleted first: a fresh tablet). */
export async function openTablet(site: Site, dbName: string): Promise<Tablet> {
  const db = new SiteDb(dbName);
  await db.delete();
  await db.open();
  const ledger = await Ledger.open(db, site);
  const node = new SyncNode(ledgerStore(ledger), { device: ledger.deviceId });
  return {
    ledger,
    db,
    node,
    close() {
      node.destroy();
      ledger.destroy();
      db.close();
    }
  };
}

/** Gives `to` the site doc of `from`, as pairing does, so that only entries differ. */
export async function shareSiteDoc(from: Tablet, to: Tablet): Promise<void> {
  await to.ledger.applyUpdate(SITE_DOC, Y.encodeStateAsUpdate(from.ledger.siteDoc), 'bench-pairing');
}

/**
 * Writes `count` entries of today made by `device` on `tablet`, in batches of `batch` (each
 * batch one Yjs update of that device, as its own writes would have been).
 */
export async function writeEntries(tablet: Tablet, device: string, count: number, batch = 1000): Promise<void> {
  const day = tablet.ledger.today();
  const author = new Y.Doc();
  for (let done = 0; done < count; done += batch) {
    const before = Y.encodeStateVector(author);
    author.transact(() => {
      for (let seq = done + 1; seq <= Math.min(count, done + batch); seq++) {
        const id = formatEntryId(device, seq);
        const entry = { id, kind: 'gate-in', at: Date.now(), device, station: 'gate', staff: '王五', subject: `p${seq.toString(36)}x${device.slice(-2)}`, verdict: 'accepted' } as const;
        entriesOf(author).set(id, encodeEntry(entry));
      }
    });
    await tablet.ledger.applyUpdate(dayDocName(day), Y.encodeStateAsUpdate(author, before), 'bench-author');
  }
  author.destroy();
}

/** Joins two tablets; the pair records every message's size. */
export function link(a: Tablet, b: Tablet): ConnectedPair {
  const pair = createConnectedPair({ auto: true });
  a.node.connect(pair.a);
  b.node.connect(pair.b);
  return pair;
}

/** Waits until no message is in flight and every tablet's queue has run dry, three times running. */
export async function settle(tablets: Tablet[], pairs: ConnectedPair[]): Promise<void> {
  for (let quiet = 0; quiet < 3; ) {
    const sent = () => pairs.reduce((n, p) => n + p.a.sentSizes.length + p.b.sentSizes.length, 0);
    const before = sent();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.all(tablets.map((t) => t.node.idle()));
    await Promise.all(tablets.map((t) => t.ledger.settled()));
    quiet = sent() === before && pairs.every((p) => p.pending() === 0) ? quiet + 1 : 0;
  }
}

/** Bytes that `to` lacks of `from`, doc by doc, as Yjs encodes them (the floor of a catch-up). */
export async function missingBytes(from: Tablet, to: Tablet): Promise<number> {
  const names = new Set([SITE_DOC, dayDocName(from.ledger.today())]);
  let bytes = 0;
  for (const name of names) {
    const [a, b] = name === SITE_DOC ? [from.ledger.siteDoc, to.ledger.siteDoc] : [await from.ledger.dayDoc(name.slice(4)), await to.ledger.dayDoc(name.slice(4))];
    const update = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    // An update that carries nothing is two bytes (no structs, no deletes): not missing.
    if (update.length > 2) bytes += update.length;
  }
  return bytes;
}

/** All message sizes of some pairs, both directions. */
export const sizes = (pairs: ConnectedPair[]) => pairs.flatMap((p) => [...p.a.sentSizes, ...p.b.sentSizes]);
