/**
 * Builders for sync tests: peers with in-memory stores, entries under `device:seq` ids, and
 * the plain state a test compares (key → value of every entry of every day).
 */
import * as Y from 'yjs';
import { encodeEntry } from '$lib/core/entry-codec';
import { formatEntryId } from '$lib/core/entry-id';
import { makeEntry } from '$lib/core/builders';
import { MemoryStore } from './store';
import { SyncNode, type SyncProblem, type SyncProgress } from './session';
import { createConnectedPair } from './memory-transport';
import { isDayDoc } from '$lib/ledger/docs';
import type { Advert } from './advert';

export const DAY = 'day:2026-11-22';

/** The stored value of the `seq`-th entry of `device`. */
export function entryValue(device: string, seq: number) {
  return encodeEntry(makeEntry({ id: formatEntryId(device, seq), device, subject: `p${seq}` }));
}

/** A tablet in memory: its store, its sync node, and what it reported. */
export function makePeer(device: string, options: { maxMessage?: number; advert?: () => Advert | null } = {}) {
  const store = new MemoryStore();
  store.registerDevice(device);
  const problems: SyncProblem[] = [];
  const progress: SyncProgress[] = [];
  const heard: { advert: Advert; direct: boolean }[] = [];
  const node = new SyncNode(store, {
    device,
    ...options,
    onProblem: (p) => problems.push(p),
    onProgress: (p) => progress.push(p),
    onAdvert: (advert, direct) => heard.push({ advert, direct })
  });
  let seq = 0;
  return {
    device,
    store,
    node,
    problems,
    progress,
    /** Adverts of other tablets this one heard, in order. */
    heard,
    /** Records `n` new entries of this device in one transaction; returns their ids. */
    write(n = 1, day = DAY): string[] {
      const batch: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) batch[formatEntryId(device, ++seq)] = entryValue(device, seq);
      this.store.write(day, batch);
      return Object.keys(batch);
    }
  };
}
export type Peer = ReturnType<typeof makePeer>;

/** Connects two peers in memory; `auto: false` leaves delivery to the test. */
export function connect(x: Peer, y: Peer, auto = true) {
  const pair = createConnectedPair({ auto });
  const sx = x.node.connect(pair.a);
  const sy = y.node.connect(pair.b);
  return { pair, sx, sy, close: () => pair.a.close() };
}

/** Every entry a peer holds, day by day, as plain values. */
export function entriesState(peer: Peer): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, doc] of [...peer.store.docs].sort(([a], [b]) => a.localeCompare(b))) {
    if (isDayDoc(name)) out[name] = doc.getMap('entries').toJSON();
  }
  return out;
}

/** Waits until auto-delivered messages and every node's queue have run dry. */
export async function settle(peers: Peer[]): Promise<void> {
  for (let quiet = 0; quiet < 3; ) {
    const before = peers.reduce((n, p) => n + [...p.node.sessions].reduce((m, s) => m + s.stats.messagesReceived, 0), 0);
    await new Promise((r) => setTimeout(r, 0));
    await Promise.all(peers.map((p) => p.node.idle()));
    const after = peers.reduce((n, p) => n + [...p.node.sessions].reduce((m, s) => m + s.stats.messagesReceived, 0), 0);
    quiet = after === before ? quiet + 1 : 0;
  }
}

/** A doc built from an update, to look inside it. */
export function docOf(update: Uint8Array): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, update);
  return d;
}
