/**
 * Tabs of one tablet share one IndexedDB database but each holds its own docs in memory. A
 * write in one tab is on disk for all, yet the others' docs (what they sync to peers and
 * digest) would lag until reloaded. So each tab posts what it stored on a BroadcastChannel
 * of the site, and the other tabs absorb it into memory (DESIGN.md, "Same device").
 *
 * Only what this tab itself stored is posted (own writes and what its peers sent): an
 * absorbed update is never posted again, so two tabs do not echo each other forever.
 * Messages come from the same origin, yet are still checked in shape before use.
 */
import { ORIGIN_TAB, type Ledger } from './ledger';

interface TabMessage {
  doc: string;
  update: Uint8Array;
}

const isTabMessage = (v: unknown): v is TabMessage =>
  typeof v === 'object' && v !== null && typeof (v as TabMessage).doc === 'string' && (v as TabMessage).update instanceof Uint8Array;

/** Shares `ledger`'s stored updates with the other tabs of this tablet; returns the stop. */
export function shareAcrossTabs(ledger: Ledger): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(`bastion-ledger-${ledger.site.id}`);
  const stop = ledger.onPersisted((doc, update, origin) => {
    if (origin !== ORIGIN_TAB) channel.postMessage({ doc, update } satisfies TabMessage);
  });
  channel.onmessage = (e: MessageEvent) => {
    if (isTabMessage(e.data)) void ledger.absorb(e.data.doc, e.data.update).catch((err) => console.warn('tab update not absorbed', err));
  };
  return () => {
    stop();
    channel.close();
  };
}
