// The small counters the server refuses by: how many sockets are open (in all and per
// address), and how fast one socket, and one address over all its sockets, may send (token
// buckets; the address's outlive its sockets, so that reconnecting never buys a fresh burst).

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
    this.#refill();
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  /** True once the bucket has refilled to its capacity: it then remembers nothing. */
  get full() {
    this.#refill();
    return this.#tokens >= this.capacity;
  }

  #refill() {
    const now = this.now();
    // A clock that steps back refills nothing rather than draining the bucket.
    const elapsed = Math.max(0, now - this.#at);
    this.#at = now;
    this.#tokens = Math.min(this.capacity, this.#tokens + (elapsed * this.perSecond) / 1000);
  }
}

/** @typedef {{ messages: TokenBucket, bytes: TokenBucket, sockets: number }} Budget */

/**
 * Per address, the buckets of messages and bytes that all its sockets spend from together.
 * An address's budget is kept while it has a socket open or has not yet refilled (a full
 * bucket is the same as a new one, so forgetting it then loses nothing); past
 * `maxAddresses` held (a flood from very many addresses) a new one is refused.
 */
export class AddressBudgets {
  /** @type {Map<string, Budget>} */
  #budgets = new Map();

  /**
   * @param {{ messageBurst: number, messagesPerSecond: number, byteBurst: number, bytesPerSecond: number }} rates
   * @param {number} maxAddresses
   * @param {() => number} [now]
   */
  constructor(rates, maxAddresses, now = Date.now) {
    this.rates = rates;
    this.maxAddresses = maxAddresses;
    this.now = now;
  }

  /**
   * The address's budget, counting one more socket on it; undefined if none can be held.
   * @param {string} address
   * @returns {Budget | undefined}
   */
  open(address) {
    let budget = this.#budgets.get(address);
    if (!budget) {
      if (this.#budgets.size >= this.maxAddresses) this.forgetRefilled();
      if (this.#budgets.size >= this.maxAddresses) return undefined;
      const r = this.rates;
      budget = { messages: new TokenBucket(r.messageBurst, r.messagesPerSecond, this.now), bytes: new TokenBucket(r.byteBurst, r.bytesPerSecond, this.now), sockets: 0 };
      this.#budgets.set(address, budget);
    }
    budget.sockets++;
    return budget;
  }

  /** @param {Budget} budget */
  close(budget) {
    budget.sockets--;
  }

  forgetRefilled() {
    for (const [address, b] of this.#budgets) if (b.sockets === 0 && b.messages.full && b.bytes.full) this.#budgets.delete(address);
  }

  get size() {
    return this.#budgets.size;
  }
}
