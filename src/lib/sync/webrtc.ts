/**
 * Tablets over WebRTC: y-webrtc finds the peers of the site's room through a signaling
 * server (its signaling is encrypted with a password derived from the site secret, so a
 * stranger on the network can neither join nor read) and sets up the peer connections.
 * Our own protocol (session.ts) then runs on a data channel of its own on each connection.
 *
 * Why a channel of our own: y-webrtc syncs the Y.Doc it is given over its default channel,
 * answering a newcomer with the whole missing state as one message (dropped by Chromium
 * past 256 KiB, STACK.md) and applying whatever arrives unvalidated. So y-webrtc is given
 * an empty doc that never holds anything, and each connection gets a second, pre-negotiated
 * channel (same id on both sides, so no extra signaling) that carries only our bounded,
 * validated messages.
 */
import * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';
import type { Transport } from './store';

/** The id both sides give the negotiated channel (far from the ids SCTP hands out first). */
const CHANNEL_ID = 1000;
/** Above this many buffered bytes, sending waits for the channel to drain. */
const HIGH_WATER = 1024 * 1024;
/** A connection not up this long after y-webrtc began it never will be (LAN handshakes take ~1 s). */
export const HANDSHAKE_MS = 20_000;

export interface WebrtcOptions {
  /** The room: one per site. Travels in clear to the signaling server, so no secrets in it. */
  room: string;
  /** Encrypts signaling (y-webrtc derives an AES key from it). */
  password: string;
  signaling: string[];
  /** Empty by default: a LAN with no internet needs none. */
  iceServers?: RTCIceServer[];
  /** Called once per connected peer with the transport for our protocol. */
  onTransport: (transport: Transport, peerId: string) => void;
  /** Called whenever the set of connected peers changes. */
  onPeers?: (count: number) => void;
}

interface SimplePeerLike {
  _pc: RTCPeerConnection;
  connected: boolean;
  once(event: 'connect' | 'close', fn: () => void): void;
}

interface WebrtcConnLike {
  connected: boolean;
  destroy(): void;
}

/** A running link to the site's room. */
export class WebrtcLink {
  #doc = new Y.Doc();
  #provider: WebrtcProvider;
  #wired = new WeakSet<object>();
  #transports = new Map<string, Transport>();
  /** When each of y-webrtc's connections was first seen here, until it connects or goes. */
  #begun = new WeakMap<object, number>();
  #sweeper: ReturnType<typeof setInterval>;

  constructor(private readonly opts: WebrtcOptions) {
    this.#provider = new WebrtcProvider(opts.room, this.#doc, {
      signaling: opts.signaling,
      password: opts.password,
      // Tabs of one tablet share one database and pass each other their updates over a
      // BroadcastChannel of their own (ledger-tabs.ts): no WebRTC between them.
      filterBcConns: true,
      peerOpts: { config: { iceServers: opts.iceServers ?? [] } }
    });
    this.#provider.on('peers', () => this.#wirePeers());
    this.#sweeper = setInterval(() => this.#dropStalledHandshakes(), HANDSHAKE_MS / 4);
  }

  /** Number of peers our protocol is connected to. */
  get peers(): number {
    return this.#transports.size;
  }

  /** Cuts every connection and stops looking for peers (the "sync paused" switch). */
  pause(): void {
    this.#provider.disconnect();
    for (const t of this.#transports.values()) t.close();
    this.#transports.clear();
    this.opts.onPeers?.(0);
  }

  resume(): void {
    this.#provider.connect();
  }

  destroy(): void {
    clearInterval(this.#sweeper);
    this.pause();
    this.#provider.destroy();
    this.#doc.destroy();
  }

  #wirePeers() {
    const conns = this.#provider.room?.webrtcConns;
    if (!conns) return;
    for (const [peerId, conn] of conns) {
      const peer = conn.peer as SimplePeerLike;
      if (this.#wired.has(peer)) continue;
      this.#wired.add(peer);
      const open = () => this.#open(peerId, peer);
      if (peer.connected) open();
      else peer.once('connect', open);
    }
  }

  /**
   * y-webrtc keeps a connection it began until it closes, and answers no announce once it
   * holds `maxConns` (20–34) of them; one that never connects (an announce forged by someone
   * holding the secret, a page closed mid-handshake) never closes. Enough of them and a new
   * tablet is never connected to. So one not connected in HANDSHAKE_MS is destroyed: y-webrtc
   * then drops it and announces itself again, and real peers find it.
   */
  #dropStalledHandshakes() {
    const conns = this.#provider.room?.webrtcConns as Map<string, WebrtcConnLike> | undefined;
    if (!conns) return;
    const now = Date.now();
    for (const conn of conns.values()) {
      if (conn.connected) continue;
      const begun = this.#begun.get(conn);
      if (begun === undefined) this.#begun.set(conn, now);
      else if (now - begun > HANDSHAKE_MS) conn.destroy();
    }
  }

  #open(peerId: string, peer: SimplePeerLike) {
    const channel = peer._pc.createDataChannel('bastion-sync', { negotiated: true, id: CHANNEL_ID, ordered: true });
    const transport = channelTransport(channel, () => {
      if (this.#transports.get(peerId) === transport) this.#transports.delete(peerId);
      this.opts.onPeers?.(this.#transports.size);
    });
    peer.once('close', () => transport.close());
    // A peer counts once our channel is open: y-webrtc keeps a connection to a page that
    // went away (a reload makes a new peer) until it times out, and that one never opens.
    channel.addEventListener(
      'open',
      () => {
        this.#transports.get(peerId)?.close();
        this.#transports.set(peerId, transport);
        this.opts.onTransport(transport, peerId);
        this.opts.onPeers?.(this.#transports.size);
      },
      { once: true }
    );
  }
}

/**
 * A data channel as a `Transport`: queued until open, with backpressure on a full buffer.
 * `ended` is told when the channel ends, besides the one handler the session sets.
 */
export function channelTransport(channel: RTCDataChannel, ended: () => void = () => {}): Transport {
  channel.binaryType = 'arraybuffer';
  channel.bufferedAmountLowThreshold = HIGH_WATER / 4;
  let onMessage: (m: Uint8Array) => void = () => {};
  let onClose: () => void = () => {};
  let closed = false;
  // Every wait below also ends when the channel does: a send must never hang on a channel
  // that closed first (a page that navigated away mid-catch-up), or the sync queue behind
  // it would stall every other peer too.
  let markClosed: () => void = () => {};
  const whenClosed = new Promise<void>((resolve) => (markClosed = resolve));
  const opened = new Promise<void>((resolve) => {
    if (channel.readyState === 'open') resolve();
    else channel.addEventListener('open', () => resolve(), { once: true });
  });
  channel.onmessage = (e) => {
    // After `error` the transport has ended though the channel may still be open a moment.
    if (!closed && e.data instanceof ArrayBuffer) onMessage(new Uint8Array(e.data));
  };
  const end = () => {
    if (closed) return;
    closed = true;
    markClosed();
    onClose();
    ended();
  };
  channel.onclose = end;
  channel.onerror = end;
  return {
    async send(message) {
      await Promise.race([opened, whenClosed]);
      if (closed || channel.readyState !== 'open') return;
      if (channel.bufferedAmount > HIGH_WATER) {
        const drained = new Promise<void>((resolve) => channel.addEventListener('bufferedamountlow', () => resolve(), { once: true }));
        await Promise.race([drained, whenClosed]);
      }
      if (channel.readyState === 'open') channel.send(message as Uint8Array<ArrayBuffer>);
    },
    onMessage(handler) {
      onMessage = handler;
    },
    onClose(handler) {
      onClose = handler;
    },
    close() {
      channel.close();
      end();
    }
  };
}
