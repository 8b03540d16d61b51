// Two small counters the server refuses by: how many sockets are open (in all and per
// address), and how fast one socket may send (a token bucket).

/**
 * The client's address as one key per machine: an IPv4 client on a dual-stack socket
 * shows as `::ffff:a.b.c.d`, the same machine as `a.b.c.d`.
 * @param {{ remoteAddress?: string }} socket
 * @returns {string | undefined} undefined once the socket is gone
 */
export function addressOf(socket) {
  const address = socket.remoteAddress;
  return address?.startsWith('::ffff:') ? address.slice(7) : address;
}

/** @typedef {'ok' | 'full' | 'per-ip'} Admission */

/** Open sockets, in all and per address. */
export class ConnectionCaps {
  /** @type {Map<string, number>} */
  #byAddress = new Map();
  #total = 0;

  /**
   * @param {number} max
   * @param {number} maxPerAddress
   */
  constructor(max, maxPerAddress) {
    this.max = max;
    this.maxPerAddress = maxPerAddress;
  }

  /**
   * Counts a socket in if there is room for it; the caller releases it when it closes.
   * @param {string} address
   * @returns {Admission}
   */
  admit(address) {
    const mine = this.#byAddress.get(address) ?? 0;
    if (mine >= this.maxPerAddress) return 'per-ip';
    if (this.#total >= this.max) return 'full';
    this.#byAddress.set(address, mine + 1);
    this.#total++;
    return 'ok';
  }

  /** @param {string} address */
  release(address) {
    const mine = this.#byAddress.get(address) ?? 0;
    if (mine === 0) return;
    if (mine === 1) this.#byAddress.delete(address);
    else this.#byAddress.set(address, mine - 1);
    this.#total--;
  }

  get total() {
    return this.#total;
  }
}

/**
 * A token bucket: holds up to `capacity` tokens, refilled at `perSecond`; a message
 * passes when its cost can be taken. Bursts up to the capacity pass at once, a steady
 * stream only at the refill rate.
 */
export class TokenBucket {
  #tokens;
  #at;

  /**
   * @param {number} capacity
   * @param {number} perSecond
   * @param {() => number} [now] milliseconds; injected so a test can step time
   */
  constructor(capacity, perSecond, now = Date.now) {
    this.capacity = capacity;
    this.perSecond = perSecond;
    this.now = now;
    this.#tokens = capacity;
    this.#at = now();
  }

  /**
   * Takes `cost` tokens if the bucket holds them; false (and nothing taken) otherwise.
   * @param {number} cost
   */
  take(cost) {
    const now = this.now();
    // A clock that steps back refills nothing rather than draining the bucket.
    const elapsed = Math.max(0, now - this.#at);
    this.#at = now;
    this.#tokens = Math.min(this.capacity, this.#tokens + (elapsed * this.perSecond) / 1000);
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }
}
