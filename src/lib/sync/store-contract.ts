/**
 * What every `SyncStore` owes the sync session, as one suite run against each store
 * (automerge-repo's `runStorageAdapterTests`): the in-memory store and the ledger-backed
 * one must be interchangeable under `SyncNode`.
 *
 * What the session relies on (session.ts), and so what the suite checks:
 * - `docNames` is what HELLO counts and STATE announces: every doc held, once, and none the
 *   store does not hold (a name merely looked at with `doc()` costs every peer a STATE).
 * - `stateVector` decides who is behind without loading a doc: empty for a doc not held,
 *   and for a held one exactly what `doc()` holds.
 * - `doc()` is what updates are validated against and catch-ups are encoded from.
 * - `applyUpdate` is durable when it resolves; `onPersisted` has heard it by then, with the
 *   caller's origin (a session skips its own peer's updates by that identity), and the update
 *   it hears carries the change (it is what the relay sends on).
 * - An update that brings nothing new is not heard again: that is how a relay flood ends.
 * - Updates applied at once all land, heard in the order they were applied (the relay sends
 *   them on in that order).
 * - `isDeviceAccepted` follows the removals in the site doc the store holds, since that is
 *   how a removal reaches a tablet: through a peer's update of the site doc.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatEntryId } from '$lib/core/entry-id';
import { SITE_DOC, devicesOf, entriesOf, removedOf } from '$lib/ledger/docs';
import type { SyncStore } from './store';
import { DAY, entryValue } from './sync-fixtures';

/** One store under test, fresh, with what the suite needs around it. */
export interface StoreHarness {
  store: SyncStore;
  /** Records one entry of this tablet in `DAY`, as the app's own write path would; returns its id. */
  writeOwn(): Promise<string>;
  /**
   * Forgets everything held in memory and opens the same storage again (the app restarted).
   * Absent for a store that is memory only.
   */
  reopen?: () => Promise<SyncStore>;
  /** Releases what the store holds (databases). */
  close(): Promise<void>;
}

const DAY2 = 'day:2026-11-21';
const UNHELD = 'day:2026-10-01';
const PEER = 'devp0001';

/** A peer's doc, writing entries of `device` and handing out each write as its update. */
class PeerDoc {
  readonly doc = new Y.Doc();
  #seq = 0;
  constructor(readonly device = PEER) {}

  /** Writes `n` more entries; returns the update of that write alone. */
  write(n = 1): Uint8Array {
    const before = Y.encodeStateVector(this.doc);
    this.doc.transact(() => {
      for (let i = 0; i < n; i++) entriesOf(this.doc).set(formatEntryId(this.device, ++this.#seq), entryValue(this.device, this.#seq));
    });
    return Y.encodeStateAsUpdate(this.doc, before);
  }

  entries(): Record<string, unknown> {
    return entriesOf(this.doc).toJSON();
  }
}

/** An update of the site doc made by `mutate` on a fresh doc, as a peer would send it. */
function siteUpdate(mutate: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  mutate(doc);
  return Y.encodeStateAsUpdate(doc);
}

type Heard = { doc: string; update: Uint8Array; origin: unknown };

function listen(store: SyncStore): { heard: Heard[]; stop: () => void } {
  const heard: Heard[] = [];
  const stop = store.onPersisted((doc, update, origin) => heard.push({ doc, update, origin }));
  return { heard, stop };
}

const vectorOf = (sv: Uint8Array) => Object.fromEntries(Y.decodeStateVector(sv));
const entriesIn = async (store: SyncStore, name: string) => entriesOf(await store.doc(name)).toJSON();
/** The entries an update carries, applied to an empty doc. */
const carried = (update: Uint8Array) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, update);
  return entriesOf(d).toJSON();
};

/** What a store offers beyond the core of the contract. */
export interface StoreFeatures {
  /** It refuses removed devices (`isDeviceAccepted`); both of today's stores do. */
  removal: boolean;
  /** It keeps a disk: its harness has `reopen`. */
  restart: boolean;
}

/** Runs the contract against the stores `make` opens, a fresh one per test. */
export function runSyncStoreContract(name: string, make: () => Promise<StoreHarness>, features: StoreFeatures): void {
  const { removal, restart } = features;

  describe(`SyncStore contract: ${name}`, () => {
    const open: StoreHarness[] = [];
    const fresh = async () => {
      const h = await make();
      open.push(h);
      return h;
    };
    afterEach(async () => {
      for (const h of open.splice(0)) await h.close();
    });

    it('lists every doc it holds, the site doc and each day, once each', async () => {
      const { store } = await fresh();
      const [a, b] = [new PeerDoc(), new PeerDoc()];
      await store.applyUpdate(SITE_DOC, siteUpdate((d) => devicesOf(d).set(PEER, { n: 'P', s: 0 })), 'peer');
      await store.applyUpdate(DAY, a.write(2), 'peer');
      await store.applyUpdate(DAY2, b.write(1), 'peer');
      const names = await store.docNames();
      expect(new Set(names).size).toBe(names.length);
      expect(names).toEqual(expect.arrayContaining([SITE_DOC, DAY, DAY2]));
      // Every name listed is a doc held: the session announces each one to every peer.
      for (const n of names) expect(Y.decodeStateVector(await store.stateVector(n)).size, n).toBeGreaterThan(0);
    });

    it('holds nothing of a doc it was never given, and of a held doc exactly what its doc holds', async () => {
      const { store } = await fresh();
      expect(Y.decodeStateVector(await store.stateVector(UNHELD)).size).toBe(0);
      const peer = new PeerDoc();
      await store.applyUpdate(DAY, peer.write(3), 'peer');
      const sv = vectorOf(await store.stateVector(DAY));
      expect(sv).toEqual(vectorOf(Y.encodeStateVector(await store.doc(DAY))));
      expect(sv).toEqual(vectorOf(Y.encodeStateVector(peer.doc)));
      await store.applyUpdate(DAY, peer.write(1), 'peer');
      expect(vectorOf(await store.stateVector(DAY))).toEqual(vectorOf(Y.encodeStateVector(peer.doc)));
    });

    it('gives an empty doc for a name it does not hold, and looking does not make it held', async () => {
      const { store } = await fresh();
      const before = await store.docNames();
      const doc = await store.doc(UNHELD);
      expect(doc.store.clients.size).toBe(0);
      expect(entriesOf(doc).size).toBe(0);
      expect(await store.docNames()).toEqual(before);
      expect(Y.decodeStateVector(await store.stateVector(UNHELD)).size).toBe(0);
    });

    it('holds what it applied as soon as applyUpdate resolves', async () => {
      const { store } = await fresh();
      const peer = new PeerDoc();
      await store.applyUpdate(DAY, peer.write(2), 'peer');
      await store.applyUpdate(DAY, peer.write(2), 'peer');
      expect(await entriesIn(store, DAY)).toEqual(peer.entries());
    });

    it('tells every listener of an applied update before applyUpdate resolves, with the caller\'s origin and the change', async () => {
      const { store } = await fresh();
      const [one, two] = [listen(store), listen(store)];
      const origin = { session: 'the one that received it' };
      const peer = new PeerDoc();
      await store.applyUpdate(DAY, peer.write(2), origin);
      for (const { heard } of [one, two]) {
        expect(heard.map((h) => h.doc)).toEqual([DAY]);
        expect(heard[0]!.origin).toBe(origin);
        expect(carried(heard[0]!.update)).toEqual(peer.entries());
      }
    });

    it("tells listeners of its own writes too (the live writes every session sends)", async () => {
      const h = await fresh();
      const { heard } = listen(h.store);
      const id = await h.writeOwn();
      expect(heard.map((x) => x.doc)).toEqual([DAY]);
      expect(Object.keys(carried(heard[0]!.update))).toEqual([id]);
      expect(await h.store.docNames()).toContain(DAY);
      expect(Object.keys(await entriesIn(h.store, DAY))).toEqual([id]);
    });

    it('stops telling a listener once it unsubscribes, and still tells the others', async () => {
      const { store } = await fresh();
      const [gone, stays] = [listen(store), listen(store)];
      const peer = new PeerDoc();
      await store.applyUpdate(DAY, peer.write(), 'peer');
      gone.stop();
      await store.applyUpdate(DAY, peer.write(), 'peer');
      expect(gone.heard).toHaveLength(1);
      expect(stays.heard).toHaveLength(2);
    });

    it('changes nothing and tells nobody when an update brings nothing new (a relayed echo)', async () => {
      const { store } = await fresh();
      const peer = new PeerDoc();
      const first = peer.write(2);
      const second = peer.write(1);
      await store.applyUpdate(DAY, first, 'peer');
      await store.applyUpdate(DAY, second, 'peer');
      const sv = vectorOf(await store.stateVector(DAY));
      const names = await store.docNames();
      const { heard } = listen(store);
      await store.applyUpdate(DAY, first, 'peer');
      // The same structs in another encoding: what a relay hands back after merging.
      await store.applyUpdate(DAY, Y.encodeStateAsUpdate(peer.doc), 'relay');
      expect(heard).toEqual([]);
      expect(vectorOf(await store.stateVector(DAY))).toEqual(sv);
      expect(await store.docNames()).toEqual(names);
      expect(await entriesIn(store, DAY)).toEqual(peer.entries());
    });

    it('lands every one of many updates applied at once, heard in the order they were applied', async () => {
      const { store } = await fresh();
      const { heard } = listen(store);
      const peers = Array.from({ length: 6 }, (_, i) => new PeerDoc(`dev${i}0001`));
      const jobs = peers.flatMap((p, i) => [
        { doc: i % 2 ? DAY : DAY2, update: p.write(1), origin: `o${i}a` },
        { doc: i % 2 ? DAY : DAY2, update: p.write(2), origin: `o${i}b` }
      ]);
      jobs.push({ doc: SITE_DOC, update: siteUpdate((d) => devicesOf(d).set(PEER, { n: 'P', s: 0 })), origin: 'site' });
      await Promise.all(jobs.map((j) => store.applyUpdate(j.doc, j.update, j.origin)));
      expect(heard.map((x) => x.origin)).toEqual(jobs.map((j) => j.origin));
      const expected = (odd: number) => Object.assign({}, ...peers.filter((_, i) => i % 2 === odd).map((p) => p.entries()));
      expect(await entriesIn(store, DAY)).toEqual(expected(1));
      expect(await entriesIn(store, DAY2)).toEqual(expected(0));
      expect(devicesOf(await store.doc(SITE_DOC)).get(PEER)).toEqual({ n: 'P', s: 0 });
    });

    // Registered only for stores that have the capability: a skipped test would read as a gap.
    if (removal) it('refuses what a removed device wrote after its removal, once the removal is in its site doc', async () => {
      const { store } = await fresh();
      expect(store.isDeviceAccepted).toBeTypeOf('function');
      const accepted = (device: string, seq: number) => store.isDeviceAccepted!(device, seq);
      expect(accepted(PEER, 1_000)).toBe(true);
      await store.applyUpdate(SITE_DOC, siteUpdate((d) => removedOf(d).set(PEER, { at: 1, upTo: 2, by: '王主任' })), 'peer');
      expect([1, 2, 3, 1_000].map((seq) => accepted(PEER, seq))).toEqual([true, true, false, false]);
      expect(accepted('devq0001', 1_000)).toBe(true);
    });

    if (restart) describe('after a restart', () => {
      const reopen = (h: StoreHarness) => {
        if (!h.reopen) throw new TypeError(`${name} says it keeps a disk but its harness has no reopen`);
        return h.reopen();
      };

      it('keeps every doc, vector and entry it had applied', async () => {
        const h = await fresh();
        const [a, b] = [new PeerDoc(), new PeerDoc('devq0001')];
        await Promise.all([h.store.applyUpdate(DAY, a.write(2), 'peer'), h.store.applyUpdate(DAY2, b.write(3), 'peer')]);
        await h.store.applyUpdate(DAY, a.write(1), 'peer');
        const own = await h.writeOwn();
        const store = await reopen(h);
        expect(await store.docNames()).toEqual(expect.arrayContaining([SITE_DOC, DAY, DAY2]));
        expect(await entriesIn(store, DAY)).toEqual({ ...a.entries(), [own]: expect.anything() });
        expect(await entriesIn(store, DAY2)).toEqual(b.entries());
        for (const n of [DAY, DAY2]) expect(vectorOf(await store.stateVector(n))).toEqual(vectorOf(Y.encodeStateVector(await store.doc(n))));
      });

      it('tells nobody of an update it already held before the restart', async () => {
        const h = await fresh();
        const peer = new PeerDoc();
        const update = peer.write(2);
        await h.store.applyUpdate(DAY, update, 'peer');
        const store = await reopen(h);
        const { heard } = listen(store);
        await store.applyUpdate(DAY, update, 'peer');
        expect(heard).toEqual([]);
      });

      // Registered only for stores that have the capability: a skipped test would read as a gap.
    if (removal) it('still refuses a removed device', async () => {
        const h = await fresh();
        await h.store.applyUpdate(SITE_DOC, siteUpdate((d) => removedOf(d).set(PEER, { at: 1, upTo: 2, by: '王主任' })), 'peer');
        const store = await reopen(h);
        expect([2, 3].map((seq) => store.isDeviceAccepted!(PEER, seq))).toEqual([true, false]);
      });
    });
  });
}
