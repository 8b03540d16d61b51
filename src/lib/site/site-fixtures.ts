/**
 * Sites opened for unit tests of the site lifecycle and the open site, on fake-indexeddb
 * (tests import 'fake-indexeddb/auto' first): each site's database is deleted afterwards,
 * and a peer's change to the site doc is delivered as sync would deliver it.
 */
import Dexie from 'dexie';
import * as Y from 'yjs';
import type { Round } from '$lib/core/round';
import type { Person, StationKind } from '$lib/core/types';
import { configOf, encodePerson, passKeysOf, peopleOf, removedOf, revokedOf, roundsOf, SITE_DOC } from '$lib/ledger/docs';
import type { Ledger } from '$lib/ledger/ledger';
import { putDevice } from '$lib/ledger/site-doc';
import { siteDbName } from '$lib/ledger/site-db';
import type { OpenSite } from './open-site.svelte';

const opened: OpenSite[] = [];

/** Remembers an open site so `closeTestSites` lets it go and deletes its database. */
export function track(open: OpenSite | null): OpenSite {
  if (!open) throw new Error('expected a site to be open');
  if (!opened.includes(open)) opened.push(open);
  return open;
}

/** Destroys every tracked site and deletes its database (for afterEach). */
export async function closeTestSites(): Promise<void> {
  for (const open of opened.splice(0)) {
    await open.ledger.settled();
    open.destroy();
    await deleteSiteDb(open.site.id);
  }
}

/**
 * Deletes a site's database. The ledger does not close its database when destroyed, so
 * Dexie closes it for the delete and says so on the console: that one line is expected here.
 */
export async function deleteSiteDb(siteId: string): Promise<void> {
  const name = siteDbName(siteId);
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && args[0].startsWith(`Another connection wants to delete database '${name}'`))) warn(...args);
  };
  try {
    await Dexie.delete(name);
  } finally {
    console.warn = warn;
  }
}

/** What another tablet changed in the site doc, delivered to `ledger` as a sync update. */
export async function peerChangesSite(
  ledger: Ledger,
  change: {
    people?: Person[];
    rounds?: Round[];
    removed?: string[];
    devices?: { id: string; name: string; station: StationKind }[];
    /** Pass keys by kid and revocations by pass id, set as they come (a thief's included). */
    passKeys?: Record<string, unknown>;
    revoked?: Record<string, unknown>;
    config?: Record<string, unknown>;
  }
): Promise<void> {
  const peer = new Y.Doc();
  for (const d of change.devices ?? []) putDevice(peer, d.id, d.name, d.station);
  for (const p of change.people ?? []) peopleOf(peer).set(p.id, encodePerson(p));
  for (const r of change.rounds ?? []) roundsOf(peer).set(r.id, { ...r });
  for (const device of change.removed ?? []) removedOf(peer).set(device, { at: 1, upTo: 0, by: '赵主管' });
  for (const [kid, key] of Object.entries(change.passKeys ?? {})) passKeysOf(peer).set(kid, key);
  for (const [id, revocation] of Object.entries(change.revoked ?? {})) revokedOf(peer).set(id, revocation);
  for (const [k, v] of Object.entries(change.config ?? {})) configOf(peer).set(k, v);
  await ledger.applyUpdate(SITE_DOC, Y.encodeStateAsUpdate(peer), 'peer');
  peer.destroy();
}
