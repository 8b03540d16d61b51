/**
 * A stand-in for `WebrtcLink` (webrtc.ts) with no network, so tests can run the app's own
 * `sync` (sync-state.svelte.ts) and hear other tablets: a test replaces the module with
 *
 *   vi.mock('$lib/sync/webrtc', () => import('$lib/sync/link-fixtures'));
 *
 * and joins a peer's `SyncNode` (sync-fixtures.ts) to the link `sync.start` made. Each join
 * is an in-memory connection (memory-transport.ts) handed over exactly as WebrtcLink hands
 * over a data channel: `onTransport`, then `onPeers` with the new count. Everything above
 * the transport — the protocol, the adverts, the book of tablets — is the real code.
 */
import type { SyncNode } from './node';
import type { WebrtcOptions } from './webrtc';
import { createConnectedPair } from './memory-transport';
import type { Transport } from './store';

/** Every link made, newest last. */
const links: MemoryLink[] = [];

export class MemoryLink {
  #transports = new Set<Transport>();

  constructor(readonly opts: WebrtcOptions) {
    links.push(this);
  }

  /** Connects another tablet's node, as a peer found in the room; returns the cut. */
  join(peer: SyncNode, peerId = 'peer'): () => void {
    const { a: end, b: theirs } = createConnectedPair();
    // The session sets the transport's one close handler; the link hears the end too, as
    // WebrtcLink does through channelTransport's `ended`.
    let sessionClosed = () => {};
    end.onClose(() => {
      sessionClosed();
      this.#transports.delete(transport);
      this.opts.onPeers?.(this.#transports.size);
    });
    const transport: Transport = {
      send: (m) => end.send(m),
      onMessage: (handler) => end.onMessage(handler),
      onClose: (handler) => (sessionClosed = handler),
      close: () => end.close()
    };
    this.#transports.add(transport);
    this.opts.onTransport(transport, peerId);
    peer.connect(theirs);
    this.opts.onPeers?.(this.#transports.size);
    return () => end.close();
  }

  pause(): void {
    for (const t of [...this.#transports]) t.close();
    this.opts.onPeers?.(0);
  }

  /** Peers are joined by the test (`join`), never found. */
  resume(): void {}

  destroy(): void {
    this.pause();
  }
}

/** The module's name for it, so it stands in for webrtc.ts whole. */
export { MemoryLink as WebrtcLink };

/** The link `sync.start` made last. */
export function lastLink(): MemoryLink {
  const link = links.at(-1);
  if (!link) throw new Error('sync.start has made no link');
  return link;
}
