import 'fake-indexeddb/auto';
import { makeEntryDraft } from '$lib/core/builders';
import { formatEntryId } from '$lib/core/entry-id';
import { Ledger } from '$lib/ledger/ledger';
import { SiteDb } from '$lib/ledger/site-db';
import { T0, deleteTestLedgers, openTestLedger } from '$lib/ledger/fixtures';
import { MemoryStore } from './store';
import { ledgerStore } from './ledger-store';
import { runSyncStoreContract, type StoreHarness } from './store-contract';
import { DAY, entryValue } from './sync-fixtures';

runSyncStoreContract(
  'MemoryStore',
  async () => {
    const store = new MemoryStore();
    let seq = 0;
    return {
      store,
      async writeOwn() {
        const id = formatEntryId('devm0001', ++seq);
        store.write(DAY, { [id]: entryValue('devm0001', seq) });
        return id;
      },
      close: async () => undefined
    };
  },
  { removal: true, restart: false }
);

/**
 * A ledger over fake-indexeddb. Reopening destroys the ledger (its docs in memory) and opens
 * a new one on a new connection to the same database, as a reloaded page would.
 */
async function ledgerHarness(): Promise<StoreHarness> {
  const { site, ledger } = await openTestLedger('sc');
  let current = ledger;
  const connections: SiteDb[] = [];
  return {
    store: ledgerStore(ledger),
    writeOwn: async () => (await current.record(makeEntryDraft({ at: T0 }))).id,
    async reopen() {
      current.destroy();
      const db = new SiteDb(site.id);
      connections.push(db);
      current = await Ledger.open(db, site, { now: () => T0 });
      return ledgerStore(current);
    },
    async close() {
      await current.settled();
      current.destroy();
      connections.forEach((db) => db.close());
      await deleteTestLedgers();
    }
  };
}

runSyncStoreContract('ledgerStore', ledgerHarness, { removal: true, restart: true });
