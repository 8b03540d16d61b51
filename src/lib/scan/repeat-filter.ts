/**
 * A camera sees the same code in many frames a second, and a person may hold a pass in
 * front of it for a while: the same code again within a few seconds on one tablet is the
 * same event. Codes are remembered per text for `windowMs` after they were last seen, so
 * a code held steadily in view stays one event however long it is held.
 */
export class RepeatFilter {
  #lastSeen = new Map<string, number>();

  constructor(readonly windowMs: number = 3000) {}

  /** True if `text` is new (an event), false if it repeats one seen within the window. */
  admit(text: string, now: number): boolean {
    const last = this.#lastSeen.get(text);
    this.#lastSeen.set(text, now);
    if (this.#lastSeen.size > 256) this.#forgetBefore(now - this.windowMs);
    return last === undefined || now - last > this.windowMs || now < last;
  }

  #forgetBefore(limit: number) {
    for (const [text, at] of this.#lastSeen) if (at < limit) this.#lastSeen.delete(text);
  }
}
