/**
 * What every station does around its rules, once: scans and taps run one at a time in a
 * serial lane (so each is judged against the state the one before it left), the screen shows
 * one outcome at a time, the outcome is sounded, and a failure becomes one clear sentence
 * (`describeError`) on screen instead of an exception. A station composes one front and
 * keeps only its rules and what it records.
 *
 * The outcome shows only after the step that recorded it has resolved, that is after the
 * write is durable: a screen never says "recorded" for a scan that is not on disk.
 */
import { SerialLane } from '$lib/core/lane';
import { signal, type Tone } from '$lib/scan/feedback';
import { describeError } from './errors';

/** An outcome a station can show: its own kinds, plus the one error every station has. */
export type Failed = { kind: 'error'; message: string };

export class StationFront<S extends { kind: string }> {
  #shown = $state<S | Failed | null>(null);
  #pending = $state(0);
  #lane = new SerialLane();

  /** `tone` says how each of the station's outcomes sounds. */
  constructor(private readonly tone: (shown: S) => Tone) {}

  /** What the screen shows now (null before the first scan, or once cleared). */
  get shown(): S | Failed | null {
    return this.#shown;
  }
  /** True while a step is running or waiting in the lane. */
  get busy(): boolean {
    return this.#pending > 0;
  }

  /** Shows an outcome and sounds it. */
  show(shown: S): void {
    this.#shown = shown;
    signal(this.tone(shown));
  }

  /** Shows a failure as a sentence in the user's language, with the refusal sound. */
  fail(error: unknown): void {
    console.warn('station step failed', error);
    this.#shown = { kind: 'error', message: describeError(error) };
    signal('refused');
  }

  /** Replaces what is shown without a sound (e.g. a sticker added to the person on screen). */
  update(shown: S | null): void {
    this.#shown = shown;
  }

  /**
   * Runs `step` after every earlier step. A failure is shown (and resolves, never rejects):
   * the handler of a scan has nowhere else to put it, and the next scan must still run.
   */
  async run(step: () => Promise<void> | void): Promise<void> {
    this.#pending++;
    try {
      await this.#lane.run(step);
    } catch (e) {
      this.fail(e);
    } finally {
      this.#pending--;
    }
  }

  /** Resolves once every step given so far has finished. */
  idle(): Promise<void> {
    return this.#lane.idle();
  }
}

/** The usual tone of a verdict-like outcome: amber for a duplicate, red for a refusal. */
export function toneOfKind(kind: string): Tone {
  return kind === 'duplicate' ? 'duplicate' : kind === 'refused' || kind === 'error' || kind === 'too-long' ? 'refused' : 'accepted';
}
