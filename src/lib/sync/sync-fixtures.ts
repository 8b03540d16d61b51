/**
 * Builders for sync tests: peers with in-memory stores or with ledgers on fake-indexeddb,
 * entries under `device:seq` ids, and the plain state a test compares (key → value of every
 * entry of every day; for ledgers, entry ids per day as the doc and the index hold them).
 */
import * as Y from 'yjs';
import { encodeEntry } from '$lib/core/entry-codec';
import { formatEntryId } from '$lib/core/entry-id';
import { makeEntry, makeEntryDraft } from '$lib/core/builders';
import { MemoryStore } from './store';
import { SyncNode, type SyncProblem, type SyncProgress } from './node';
import { createConnectedPair } from './memory-transport';
import { entriesOf, isDayDoc } from '$lib/ledger/docs';
import { T0, openTestLedger } from '$lib/ledger/fixtures';
import { ledgerStore } from './ledger-store';
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

/**
 * A tablet on a real Ledger over fake-indexeddb (the test imports 'fake-indexeddb/auto' and
 * calls `deleteTestLedgers` afterwards): its ledger, its sync node, what it reported.
 */
export async function makeLedgerPeer(prefix = 'lp') {
  const { ledger } = await openTestLedger(prefix);
  const problems: SyncProblem[] = [];
  const node = new SyncNode(ledgerStore(ledger), { device: ledger.deviceId, onProblem: (p) => problems.push(p) });
  return {
    device: ledger.deviceId,
    ledger,
    node,
    problems,
    /** Records `n` entries of this tablet on `day` (at 10:00 there), each durably; returns their ids. */
    async write(n = 1, day = DAY): Promise<string[]> {
      const at = T0 + Date.parse(day.slice(4)) - Date.parse(DAY.slice(4));
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await ledger.record(makeEntryDraft({ at, subject: `p${i}` }))).id);
      return ids;
    }
  };
}
export type LedgerPeer = Awaited<ReturnType<typeof makeLedgerPeer>>;

/**
 * The entry ids a ledger holds of each of `days`, sorted, through its public reads: as its
 * index rows list them (what the screens show) and as its day doc holds them (what it syncs).
 */
export async function ledgerEntryIds(peer: LedgerPeer, days: readonly string[]) {
  const out: Record<string, { index: string[]; doc: string[] }> = {};
  for (const name of days) {
    const day = name.slice(4);
    const index = (await peer.ledger.reads.dayEntries(day)).map((e) => e.id).sort();
    const doc = [...entriesOf(await peer.ledger.dayDoc(day)).keys()].sort();
    out[name] = { index, doc };
  }
  return out;
}

/** Connects two peers in memory; `auto: false` leaves delivery to the test. */
export function connect(x: Pick<Peer, 'node'>, y: Pick<Peer, 'node'>, auto = true) {
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
