/**
 * One person's temperature check at the gate (the steps are in reading.ts): the digits on
 * the pad, which reading it takes, what the last recorded one said. Each reading is recorded
 * through the station's context (a `temperature` entry, subject the person's id) and shown
 * only once it is durable. A new person on the gate (a new verdict) is a new check.
 */
import type { StationContext } from '$lib/site/station-context';
import { describeError } from '$lib/ui/errors';
import { afterReading, readDigits, readingFields, typeDigit, type ReadingOutcome, type ReadingStep } from './reading';

/** Why the typed digits were not recorded, as the pad says it. */
export type PadProblem = { kind: 'incomplete' } | { kind: 'out-of-range'; tenths: number } | { kind: 'error'; message: string };

/** A recorded reading and what it meant. */
export type Recorded = { tenths: number } & ReadingOutcome;

export class TemperatureCheck {
  #digits = $state('');
  #step = $state<ReadingStep | 'done'>('first');
  #readings = $state<Recorded[]>([]);
  #problem = $state<PadProblem | null>(null);
  #saving = $state(false);

  constructor(
    private readonly ctx: Pick<StationContext, 'record'>,
    readonly subject: string
  ) {}

  get digits() {
    return this.#digits;
  }
  /** The reading the pad takes now, or done. */
  get step() {
    return this.#step;
  }
  /** The readings recorded so far, first first. */
  get readings(): readonly Recorded[] {
    return this.#readings;
  }
  get problem() {
    return this.#problem;
  }
  get saving() {
    return this.#saving;
  }

  press(digit: string) {
    if (this.#step === 'done') return;
    this.#digits = typeDigit(this.#digits, digit);
    this.#problem = null;
  }
  back() {
    this.#digits = this.#digits.slice(0, -1);
    this.#problem = null;
  }

  /** Records the typed reading, or says why not (nothing recorded). */
  async confirm(): Promise<void> {
    const step = this.#step;
    if (step === 'done' || this.#saving) return;
    const read = readDigits(this.#digits);
    if (!read.ok) {
      this.#problem = read.problem === 'incomplete' ? { kind: 'incomplete' } : { kind: 'out-of-range', tenths: read.tenths };
      return;
    }
    this.#saving = true;
    try {
      await this.ctx.record({ ...readingFields(this.subject, read.tenths, step), station: 'gate' });
      const outcome = afterReading(step, read.tenths);
      this.#readings = [...this.#readings, { tenths: read.tenths, ...outcome }];
      this.#step = outcome.next === 'second' ? 'second' : 'done';
      this.#digits = '';
    } catch (e) {
      this.#problem = { kind: 'error', message: describeError(e) };
    } finally {
      this.#saving = false;
    }
  }
}
