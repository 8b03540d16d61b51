/**
 * When the camera loop may grab the next frame. Two rules keep a tablet from being the
 * bottleneck: at most one grab every `intervalMs` (about eight looks a second are plenty at
 * a gate), and never a grab while the previous frame is still being decoded. A frame that
 * would arrive while the decoder is busy is simply not taken, so frames never queue up and
 * a slow device decodes fewer frames instead of falling further and further behind.
 *
 * Times are passed in (ms, any monotonic origin), so tests can make them anything; a clock
 * that runs backwards allows a grab at once rather than stalling the camera.
 */
export class FramePacer {
  #busy = false;
  #lastGrabAt = -Infinity;

  constructor(readonly intervalMs: number) {}

  /** True while a grabbed frame has not been answered. */
  get busy(): boolean {
    return this.#busy;
  }

  /** Milliseconds until a grab is allowed (0: now); Infinity while a frame is in flight. */
  wait(now: number): number {
    if (this.#busy) return Infinity;
    const since = now - this.#lastGrabAt;
    return since < 0 ? 0 : Math.max(0, this.intervalMs - since);
  }

  /** Takes a frame if one is allowed at `now`; true if the caller should grab it. */
  tryGrab(now: number): boolean {
    if (this.wait(now) > 0) return false;
    this.#busy = true;
    this.#lastGrabAt = now;
    return true;
  }

  /** The decoder answered (or the frame was given up): the next grab may follow. */
  release(): void {
    this.#busy = false;
  }
}
