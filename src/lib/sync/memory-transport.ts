/**
 * Transports in memory, so sync tests need no network (automerge-repo's
 * `createConnectedPair`). Each direction is a FIFO queue, like a data channel; the test (or
 * a microtask, with `auto`) decides when the head of a queue is delivered, so tests can
 * interleave peers in any order and cut links with messages in flight (they are lost with
 * the connection, as on a real one).
 */
import type { Transport } from './store';

/** One end of an in-memory connection. */
class MemoryEnd implements Transport {
  readonly inbox: Uint8Array[] = [];
  other!: MemoryEnd;
  #onMessage: (m: Uint8Array) => void = () => undefined;
  #onClose: () => void = () => undefined;
  closed = false;
  /** Every message this end sent, by size (for assertions on message size and bytes). */
  readonly sentSizes: number[] = [];

  constructor(private readonly auto: boolean) {}

  send(message: Uint8Array): void {
    if (this.closed) return;
    this.sentSizes.push(message.length);
    this.other.inbox.push(message);
    if (this.auto) queueMicrotask(() => this.other.deliver());
  }

  onMessage(handler: (m: Uint8Array) => void): void {
    this.#onMessage = handler;
  }

  onClose(handler: () => void): void {
    this.#onClose = handler;
  }

  /** Hands the oldest waiting message to the handler; false if none. */
  deliver(): boolean {
    const m = this.inbox.shift();
    if (!m || this.closed) return false;
    this.#onMessage(m);
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.inbox.length = 0;
    this.#onClose();
    this.other.close();
  }
}

/** Two ends joined in memory. With `auto`, messages are delivered in microtasks, in order. */
export interface ConnectedPair {
  a: MemoryEnd;
  b: MemoryEnd;
  /** Messages waiting in both directions. */
  pending(): number;
}

/** Joins two transports in memory (see the header). */
export function createConnectedPair(options: { auto?: boolean } = {}): ConnectedPair {
  const auto = options.auto ?? true;
  const a = new MemoryEnd(auto);
  const b = new MemoryEnd(auto);
  a.other = b;
  b.other = a;
  return { a, b, pending: () => a.inbox.length + b.inbox.length };
}

export type { MemoryEnd };
