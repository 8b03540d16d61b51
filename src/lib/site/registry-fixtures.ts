/**
 * A tablet's registry on its own fake-indexeddb universe, for unit tests: `reopen()` gives a
 * second registry on the same disk, as the tablet sees it after a reload.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { RegistryDb } from '$lib/ledger/registry-db';

export function testRegistry() {
  const indexedDB = new IDBFactory();
  const reopen = () => new RegistryDb({ indexedDB, IDBKeyRange });
  return { registry: reopen(), reopen };
}
