// What the server refused or dropped, counted by reason and logged as one line per period:
// a flood of ten thousand refused sockets is one line saying so, not ten thousand lines.
// An idle server logs nothing, and neither does one whose clients only come and go.

/** Counts refusals by reason; logs a summary at most once every `everyMs`. */
export class Refusals {
  /** @type {Map<string, number>} */
  #pending = new Map();
  /** @type {Map<string, number>} */
  #totals = new Map();
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #timer;

  /**
   * @param {string} name what refuses, at the head of each line (`signaling`, `http`)
   * @param {number} everyMs
   * @param {(line: string) => void} log
   */
  constructor(name, everyMs, log) {
    this.name = name;
    this.everyMs = everyMs;
    this.log = log;
  }

  /**
   * @param {string} reason a short word: `rate`, `per-ip`, `oversize`, …
   * @param {{ quiet?: boolean }} [how] quiet: counted, but logged only beside a refusal
   *   (a client resetting its own socket is the client's doing, and an honest tablet's too)
   */
  count(reason, how = {}) {
    this.#pending.set(reason, (this.#pending.get(reason) ?? 0) + 1);
    this.#totals.set(reason, (this.#totals.get(reason) ?? 0) + 1);
    if (!how.quiet && this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), this.everyMs);
      // A pending summary never keeps a test's or a stopping server's process alive.
      this.#timer.unref();
    }
  }

  /** Logs what was counted since the last line, if anything. */
  flush() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size === 0) return;
    let sum = 0;
    const parts = [];
    for (const [reason, n] of [...this.#pending].sort((a, b) => b[1] - a[1])) {
      sum += n;
      parts.push(`${reason} ${n}`);
    }
    this.#pending.clear();
    const seconds = Math.round(this.everyMs / 100) / 10;
    this.log(`${this.name}: refused or dropped ${sum} within ${seconds} s (${parts.join(', ')})`);
  }

  /** Everything counted since the start, by reason. */
  get totals() {
    return Object.fromEntries(this.#totals);
  }
}
