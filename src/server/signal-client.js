// One open signaling socket, what it holds, and what it may still spend (signaling.js).
import { TokenBucket } from './caps.js';

/** One open signaling socket and what it holds. */
export class Client {
  /** @type {Set<string>} */
  topics = new Set();
  /** Closing or cut: nothing more is read from it or sent to it. */
  closed = false;
  /** Answered the last ping. */
  alive = true;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  timer;

  /**
   * @param {import('ws').WebSocket} ws
   * @param {import('./limits.js').Limits} limits
   * @param {import('./caps.js').Budget} budget its address's, shared with the address's other sockets
   */
  constructor(ws, limits, budget) {
    this.ws = ws;
    this.budget = budget;
    this.messages = new TokenBucket(limits.messageBurst, limits.messagesPerSecond);
    this.bytes = new TokenBucket(limits.byteBurst, limits.bytesPerSecond);
  }
}
