/**
 * Telling a keyboard-wedge scanner from a person at a keyboard.
 *
 * A wedge scanner "types" its code as a burst of keystrokes a few milliseconds apart and
 * ends it with Enter (or Tab). A person types at 100 ms or more a key. So: characters are
 * buffered while each arrives within `maxInterKeyMs` of the previous one; a longer gap
 * means a person was typing, and the buffer restarts with the new key (which may be the
 * first key of a burst). A terminator emits the buffer only if it too arrives quickly and
 * the buffer holds at least `minLength` characters; otherwise the buffer is dropped.
 *
 * Invariant: the buffer never holds more than `maxLength` characters. An overlong burst is
 * still emitted (cut at `maxLength`), so the screen can say "code too long" rather than
 * staying silent: a scan is a fact.
 *
 * Times are passed in, so the class is pure and tests can make them anything.
 */

/** Tuning of the burst detector. */
export interface WedgeTiming {
  /** Longest gap between two keys of one scan. Default 50 ms (scanners: ~1–20 ms). */
  maxInterKeyMs?: number;
  /** Shortest code worth emitting. Default 3. */
  minLength?: number;
  /** Most characters buffered. Default 600 (above core's MAX_CODE_LENGTH, so too-long is seen). */
  maxLength?: number;
}

/** Buffers the keys of one scanner burst; see the module header for the rule. */
export class WedgeBuffer {
  readonly maxInterKeyMs: number;
  readonly minLength: number;
  readonly maxLength: number;
  #chars: string[] = [];
  #lastAt = -Infinity;

  constructor(timing: WedgeTiming = {}) {
    this.maxInterKeyMs = timing.maxInterKeyMs ?? 50;
    this.minLength = timing.minLength ?? 3;
    this.maxLength = timing.maxLength ?? 600;
  }

  /** A printable character arrived at `at` (ms). */
  key(char: string, at: number): void {
    if (!this.#inBurst(at)) this.#chars = [];
    if (this.#chars.length < this.maxLength) this.#chars.push(char);
    this.#lastAt = at;
  }

  /** A terminator (Enter, Tab) arrived at `at`: returns the scanned text, or null if none. */
  end(at: number): string | null {
    const text = this.#inBurst(at) && this.#chars.length >= this.minLength ? this.#chars.join('') : null;
    this.reset();
    return text;
  }

  /** Forgets the buffer, e.g. when a key shows a person is at the keyboard. */
  reset(): void {
    this.#chars = [];
    this.#lastAt = -Infinity;
  }

  /** Characters buffered so far (for tests and debugging). */
  get length(): number {
    return this.#chars.length;
  }

  // A clock that runs backwards cannot prove a burst, so it breaks one.
  #inBurst(at: number): boolean {
    const gap = at - this.#lastAt;
    return gap >= 0 && gap <= this.maxInterKeyMs;
  }
}
