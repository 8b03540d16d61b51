/**
 * The sync protocol between this tablet and its peers, over any `Transport` (wire.ts has
 * the messages). A `SyncNode` (node.ts) is one tablet's store; each connection is a `PeerSync`.
 *
 * Algorithm, per connection:
 * 1. Each side sends HELLO. On first hearing the peer's HELLO it answers with HELLO once
 *    more and only then sends one STATE per doc it holds (site first, then days, newest
 *    first). The handshake matters on a pre-negotiated WebRTC channel: the side that opens
 *    first may speak before the other has created its end, and those messages are lost;
 *    the answer to a HELLO is always heard. Many small STATEs instead of one list, so no
 *    message grows with the number of days, and a past day is loaded only if one side is
 *    behind on it.
 * 2. On a STATE for a doc it has not announced, a side answers with its own STATE (an empty
 *    vector if it holds nothing), so both learn what the other lacks.
 * 3. On a STATE, a side that holds something the peer lacks sends it as CHUNKs of at most
 *    `maxMessage` bytes (chunk.ts) with the total for progress, then DONE.
 * 4. Every durable update of the store that did not come from this peer is sent as UPDATE
 *    (split if large): own writes, and what other peers sent — the relay through which
 *    tablets that never meet converge. An update that brings nothing new persists nothing,
 *    so a relay flood ends.
 *
 * 5. Adverts (advert.ts): after the handshake a side sends its own advert and every advert it
 *    has heard; an advert newer (by its sender's clock) than the one held for that tablet is
 *    kept and passed on to the other sessions, an older or equal one is dropped, so a flood
 *    ends and every tablet of a connected set learns of every other.
 *
 * Invariants: no message sent is larger than `maxMessage`; every update received is
 * size-capped and validated (validate.ts) before it reaches the store, and refused ones
 * are reported, never applied; validation and application of all sessions of a node run in
 * one serial lane (core/lane.ts), so what was judged is the state it is applied to; a
 * malformed message is dropped and reported, never thrown.
 */
import * as Y from 'yjs';
import { SITE_DOC, isDayDoc } from '$lib/ledger/docs';
import { encodeMissing, splitUpdate } from './chunk';
import { validateUpdate } from './validate';
import { MSG, decodeMessage, decodeStateVector, encodeMessage, type Message } from './wire';
import type { Transport } from './store';
import { readAdvert, type Advert } from './advert';
import type { SyncNode, SyncProblem } from './node';

/** Counters of one peer connection, for the devices panel and for tests. */
export interface PeerStats {
  messagesSent: number;
  bytesSent: number;
  largestSent: number;
  messagesReceived: number;
  refused: number;
}

/** The protocol with one peer over one transport (see the header). */
export class PeerSync {
  peer: string | null = null;
  readonly stats: PeerStats = { messagesSent: 0, bytesSent: 0, largestSent: 0, messagesReceived: 0, refused: 0 };
  #out: Promise<void> = Promise.resolve();
  #announced = new Set<string>();
  #awaitingDone = new Set<string>();
  #received = new Map<string, number>();
  #peerDocs = Infinity;
  #statesReceived = 0;
  #closed = false;
  #heardHello = false;
  #stopListening: () => void;
  #synced!: () => void;
  /** Resolves once everything the peer held when we met has arrived (or been refused). */
  readonly whenSynced = new Promise<void>((resolve) => (this.#synced = resolve));

  constructor(
    readonly node: SyncNode,
    readonly transport: Transport
  ) {
    const { store } = node;
    this.#stopListening = store.onPersisted((doc, update, origin) => {
      if (origin !== this && !this.#closed) for (const c of splitUpdate(update, this.#budget(doc))) this.#send({ type: MSG.UPDATE, doc, update: c.update });
    });
    transport.onMessage((bytes) => void node.run(() => this.#receive(bytes)));
    transport.onClose(() => this.destroy());
    void node.run(async () => void (await this.#hello()));
  }

  /** Our HELLO: who we are and how many docs we will announce. */
  async #hello(): Promise<string[]> {
    const names = (await this.node.store.docNames()).filter((n) => n === SITE_DOC || isDayDoc(n));
    names.sort((a, b) => (a === SITE_DOC ? -1 : b === SITE_DOC ? 1 : b.localeCompare(a)));
    this.#send({ type: MSG.HELLO, doc: '', device: this.node.options.device, docs: names.length });
    return names;
  }

  get closed(): boolean {
    return this.#closed;
  }

  destroy(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopListening();
    this.node.sessions.delete(this);
    this.transport.close();
  }

  async #announce(doc: string): Promise<void> {
    this.#announced.add(doc);
    this.#awaitingDone.add(doc);
    this.#send({ type: MSG.STATE, doc, stateVector: await this.node.store.stateVector(doc) });
  }

  async #receive(bytes: Uint8Array): Promise<void> {
    if (this.#closed) return;
    this.stats.messagesReceived++;
    if (!(bytes instanceof Uint8Array) || bytes.length > this.node.maxMessage) {
      return this.#problem('', 'too-large', `message of ${bytes?.length} bytes`);
    }
    const m = decodeMessage(bytes, this.node.maxMessage);
    if (!m) return this.#problem('', 'bad-message', 'undecodable message');
    if (m.type === MSG.ADVERT) return this.#hearAdvert(m.advert);
    if (m.type !== MSG.HELLO && m.doc !== SITE_DOC && !isDayDoc(m.doc)) {
      if (m.type === MSG.STATE) this.#statesReceived++; // it still counts towards the peer's announcement
      return this.#problem(m.doc, 'unknown-doc', m.doc);
    }
    try {
      await this.#handle(m);
    } catch (e) {
      this.#problem(m.doc, 'store-failed', String((e as Error)?.message ?? e));
    }
    this.#checkSynced();
  }

  async #handle(m: Message): Promise<void> {
    const { store } = this.node;
    switch (m.type) {
      case MSG.HELLO: {
        this.peer = m.device;
        this.#peerDocs = m.docs;
        if (this.#heardHello) return;
        this.#heardHello = true;
        // The peer is listening now: say HELLO again (our first may have been lost), then
        // announce every doc, once.
        for (const name of await this.#hello()) if (!this.#announced.has(name)) await this.#announce(name);
        const own = this.node.options.advert?.();
        if (own) this.sendAdvert(own);
        for (const a of this.node.adverts.values()) if (a.device !== this.peer) this.sendAdvert(a);
        return;
      }
      case MSG.STATE: {
        this.#statesReceived++;
        const theirs = decodeStateVector(m.stateVector);
        if (!theirs) return this.#problem(m.doc, 'bad-message', 'undecodable state vector');
        if (!this.#announced.has(m.doc)) await this.#announce(m.doc);
        const mine = Y.decodeStateVector(await store.stateVector(m.doc));
        const behind = [...mine].some(([client, clock]) => clock > (theirs.get(client) ?? 0));
        // The site doc may differ by deletions alone, which no state vector shows.
        if (behind || (m.doc === SITE_DOC && mine.size > 0)) {
          const chunks = encodeMissing(await store.doc(m.doc), theirs, this.#budget(m.doc));
          const total = chunks.reduce((n, c) => n + c.items, 0);
          for (const c of chunks) this.#send({ type: MSG.CHUNK, doc: m.doc, total, items: c.items, update: c.update });
        }
        this.#send({ type: MSG.DONE, doc: m.doc });
        return;
      }
      case MSG.CHUNK: {
        await this.#apply(m.doc, m.update);
        const received = (this.#received.get(m.doc) ?? 0) + m.items;
        this.#received.set(m.doc, received);
        this.node.options.onProgress?.({ peer: this.peer, doc: m.doc, received, total: m.total });
        return;
      }
      case MSG.DONE:
        this.#awaitingDone.delete(m.doc);
        return;
      case MSG.UPDATE:
        return this.#apply(m.doc, m.update);
    }
  }

  async #apply(doc: string, update: Uint8Array): Promise<void> {
    const { store } = this.node;
    const verdict = validateUpdate(doc, await store.doc(doc), update, {
      maxBytes: this.node.maxMessage,
      isDeviceAccepted: store.isDeviceAccepted?.bind(store)
    });
    if (!verdict.ok) return this.#problem(doc, verdict.reason, verdict.detail);
    await store.applyUpdate(doc, update, this);
  }

  sendAdvert(advert: Advert): void {
    if (!this.#heardHello) return; // the handshake sends it once the peer listens
    this.#send({ type: MSG.ADVERT, doc: '', advert: JSON.stringify(advert) });
  }

  #hearAdvert(text: string): void {
    const advert = readAdvert(text);
    if (!advert) return this.#problem('', 'bad-advert', text.slice(0, 80));
    this.node.hearAdvert(advert, this);
  }

  #send(m: Message): void {
    if (this.#closed) return;
    const bytes = encodeMessage(m);
    if (bytes.length > this.node.maxMessage) {
      // Only a single struct larger than a message gets here; it cannot be sent at all.
      return this.#problem(m.doc, 'too-large', `outgoing message of ${bytes.length} bytes not sent`);
    }
    this.stats.messagesSent++;
    this.stats.bytesSent += bytes.length;
    this.stats.largestSent = Math.max(this.stats.largestSent, bytes.length);
    this.#out = this.#out
      .then(() => (this.#closed ? undefined : this.transport.send(bytes)))
      .catch(() => this.destroy()); // a transport that fails to send is a lost connection
  }

  /** Room for an update in a message about `doc`: the frame is at most 1 + name + 3 varuints. */
  #budget(doc: string): number {
    return this.node.maxMessage - (doc.length + 24);
  }

  #problem(doc: string, reason: SyncProblem['reason'], detail: string): void {
    this.stats.refused++;
    this.node.options.onProblem?.({ peer: this.peer, doc, reason, detail });
  }

  #checkSynced(): void {
    if (this.peer !== null && this.#statesReceived >= this.#peerDocs && this.#awaitingDone.size === 0) this.#synced();
  }
}
