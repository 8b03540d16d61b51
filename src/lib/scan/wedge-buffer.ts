/**
 * Telling a keyboard-wedge scanner from a person at a keyboard.
 *
 * A wedge scanner "types" its code as a burst of keystrokes a few milliseconds apart and
 * ends it with Enter (or Tab). A person types at 100 ms or more a key. The burst is judged
 * as a whole, not key by key: a scanner on a busy tablet (a garbage collection, a decode,
 * a Bluetooth hiccup) delivers most keys within milliseconds but a few after a stall, and
 * a rule that restarts on any single slow gap would cut the code and record a wrong one.
 *
 * So: keys are buffered until a clear pause (`pauseMs`), which starts a new buffer — a
 * person who typed something, stopped, and then scanned gets the scan alone. A terminator
 * emits the buffer when it arrives before a pause, the buffer holds at least `minLength`
 * characters, and the MEDIAN gap between its keys is within `maxInterKeyMs`: a few stalls
 * do not spoil a burst, and a person's steady typing never passes.
 *
 * Invariant: the buffer never holds more than `maxLength` characters. An overlong burst is
 * still emitted (cut at `maxLength`), so the screen can say "code too long" rather than
 * staying silent: a scan is a fact.
 *
 * Times are passed in, so the class is pure and tests can make them anything.
 */

/** Tuning of the burst detector. */
export interface WedgeTiming {
  /** Longest median gap between the keys of one scan. Default 50 ms (scanners: ~1–20 ms). */
  maxInterKeyMs?: number;
  /** A gap this long ends whatever came before: a new burst starts. Default 400 ms. */
  pauseMs?: number;
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
  readonly pauseMs: number;
  #chars: string[] = [];
  #gaps: number[] = [];
  #lastAt = -Infinity;

  constructor(timing: WedgeTiming = {}) {
    this.maxInterKeyMs = timing.maxInterKeyMs ?? 50;
    this.minLength = timing.minLength ?? 3;
    this.maxLength = timing.maxLength ?? 600;
    this.pauseMs = timing.pauseMs ?? 400;
  }

  /** A printable character arrived at `at` (ms). */
  key(char: string, at: number): void {
    if (this.#chars.length > 0 && this.#continues(at)) {
      if (this.#chars.length < this.maxLength) {
        this.#gaps.push(at - this.#lastAt);
        this.#chars.push(char);
      }
    } else {
      this.#chars = [char];
      this.#gaps = [];
    }
    this.#lastAt = at;
  }

  /** A terminator (Enter, Tab) arrived at `at`: returns the scanned text, or null if none. */
  end(at: number): string | null {
    let text: string | null = null;
    if (this.#chars.length >= this.minLength && this.#continues(at)) {
      const gaps = [...this.#gaps, at - this.#lastAt].sort((a, b) => a - b);
      const median = gaps[Math.floor(gaps.length / 2)]!;
      if (median <= this.maxInterKeyMs) text = this.#chars.join('');
    }
    this.reset();
    return text;
  }

  /** True if a key arriving at `at` would continue a burst already under way. */
  inBurst(at: number): boolean {
    const gap = at - this.#lastAt;
    return this.#chars.length > 0 && gap >= 0 && gap <= this.maxInterKeyMs;
  }

  /** Forgets the buffer, e.g. when a key shows a person is at the keyboard. */
  reset(): void {
    this.#chars = [];
    this.#gaps = [];
    this.#lastAt = -Infinity;
  }

  /** Characters buffered so far (for tests and debugging). */
  get length(): number {
    return this.#chars.length;
  }

  // A clock that runs backwards cannot prove a burst, so it breaks one, as a pause does.
  #continues(at: number): boolean {
    const gap = at - this.#lastAt;
    return gap >= 0 && gap < this.pauseMs;
  }
}
