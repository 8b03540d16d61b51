/**
 * The Ledger as a `SyncStore`: what peers send is applied through `ledger.applyUpdate`
 * (durable, with its index rows, in one transaction), and what the ledger persists is what
 * the sessions send on.
 *
 * Past days stay on disk: a state vector comes from the vector the ledger stores with every
 * write, so meeting a peer loads only the days one side is behind on, and the ledger keeps
 * only a few past days in memory.
 */
import type * as Y from 'yjs';
import type { Ledger } from '$lib/ledger/ledger';
import { SITE_DOC, isDayDoc } from '$lib/ledger/docs';
import type { SyncStore } from './store';
import { removalsOf } from '$lib/ledger/removal';

/** Wraps a ledger for `SyncNode`; entries a removed tablet wrote after its removal are refused. */
export function ledgerStore(ledger: Ledger): SyncStore {
  const doc = (name: string): Promise<Y.Doc> => (name === SITE_DOC ? Promise.resolve(ledger.siteDoc) : ledger.dayDoc(name.slice(4)));
  return {
    async docNames() {
      return (await ledger.docNames()).filter((n) => n === SITE_DOC || isDayDoc(n));
    },
    stateVector: (name) => ledger.stateVector(name),
    doc,
    applyUpdate: (name, update, origin) => ledger.applyUpdate(name, update, origin),
    onPersisted: (listener) => ledger.onPersisted(listener),
    isDeviceAccepted: (device, seq) => seq <= (removalsOf(ledger.siteDoc).get(device)?.upTo ?? Infinity)
  };
}
