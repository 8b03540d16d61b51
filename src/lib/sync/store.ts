/**
 * The two seams of the sync layer: where docs live (`SyncStore`: the Ledger, or the
 * in-memory store of tests) and how bytes travel (`Transport`: a y-webrtc data channel, a
 * BroadcastChannel, or the in-memory pair of tests).
 */
import * as Y from 'yjs';
import { SITE_DOC, devicesOf } from '$lib/ledger/docs';
import { removalsOf } from '$lib/ledger/removal';

/** Hears every durable update of a store: own writes and applied peer updates alike. */
export type PersistedListener = (doc: string, update: Uint8Array, origin: unknown) => void;

/** Where the docs live. The Ledger fits it (see ledger-store.ts). */
export interface SyncStore {
  /** Names of the docs this peer holds: the site doc and its day docs. */
  docNames(): Promise<string[]>;
  /**
   * What this peer holds of a doc (an empty vector if nothing), so a peer that is not behind
   * costs no doc load; a store may answer from a cache.
   */
  stateVector(name: string): Promise<Uint8Array>;
  /** A doc to read (an empty one if not held yet). Never changed directly: use applyUpdate. */
  doc(name: string): Promise<Y.Doc>;
  /** Applies an update durably; `origin` comes back to `onPersisted` listeners. */
  applyUpdate(name: string, update: Uint8Array, origin: unknown): Promise<void>;
  /** Listens to every durable update (the relay hears what one peer sent and passes it on). */
  onPersisted(listener: PersistedListener): () => void;
  /** False for the `seq`-th entry of a device the site removed before it wrote it. */
  isDeviceAccepted?(device: string, seq: number): boolean;
}

/**
 * A message channel to one peer. Reliable and ordered, like a data channel; a message may
 * be lost only with the connection (then `close` fires and a new session resynchronises).
 */
export interface Transport {
  /** Sends one message; a returned promise is awaited before the next (backpressure). */
  send(message: Uint8Array): void | Promise<void>;
  /** Sets the one handler for incoming messages. */
  onMessage(handler: (message: Uint8Array) => void): void;
  /** Sets the one handler for the end of the connection. */
  onClose(handler: () => void): void;
  close(): void;
}

/**
 * A store of Y.Docs in memory, for tests and for a peer with no disk (a future hub
 * relay). Every change, local or applied, reaches `onPersisted` with its origin.
 */
export class MemoryStore implements SyncStore {
  readonly docs = new Map<string, Y.Doc>();
  #listeners = new Set<PersistedListener>();

  async docNames(): Promise<string[]> {
    // Only docs that hold something: `doc()` of a name not held creates an empty one, which
    // the session would otherwise announce to every peer.
    return [...this.docs].filter(([, doc]) => doc.store.clients.size > 0).map(([name]) => name);
  }

  async stateVector(name: string): Promise<Uint8Array> {
    const doc = this.docs.get(name);
    return doc ? Y.encodeStateVector(doc) : new Uint8Array([0]);
  }

  async doc(name: string): Promise<Y.Doc> {
    return this.open(name);
  }

  /** The doc, created (and listened to) on first use. */
  open(name: string): Y.Doc {
    let doc = this.docs.get(name);
    if (!doc) {
      doc = new Y.Doc();
      doc.on('update', (update: Uint8Array, origin: unknown) => this.#listeners.forEach((l) => l(name, update, origin)));
      this.docs.set(name, doc);
    }
    return doc;
  }

  async applyUpdate(name: string, update: Uint8Array, origin: unknown): Promise<void> {
    Y.applyUpdate(this.open(name), update, origin);
  }

  onPersisted(listener: PersistedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** As the site doc's removals say, as the ledger store does: that is how removals arrive. */
  isDeviceAccepted(device: string, seq: number): boolean {
    const site = this.docs.get(SITE_DOC);
    return seq <= ((site && removalsOf(site).get(device)?.upTo) ?? Infinity);
  }

  /** Writes entries (id → stored value) into a day doc, as one local transaction. */
  write(docName: string, entries: Record<string, unknown>): void {
    const doc = this.open(docName);
    doc.transact(() => {
      const map = doc.getMap('entries');
      for (const [k, v] of Object.entries(entries)) map.set(k, v);
    }, 'local');
  }

  /** Says in the site doc that a device exists (name, station). */
  registerDevice(id: string, name = id): void {
    const doc = this.open(SITE_DOC);
    doc.transact(() => devicesOf(doc).set(id, { n: name, s: 0 }), 'local');
  }
}
