/**
 * Positive pooled tube tracing (混管追阳): a supervisor enters or scans a tube, marks it
 * positive (with the PIN when one is set), and the tube's people are listed at once from the
 * entries on this tablet: no network needed. Each person's tracing status is a `trace` entry;
 * core's traceTube folds them (the latest wins on every tablet).
 */
import { cleanCode } from '$lib/core/code';
import { positiveTubes, traceTube, type TubeTrace } from '$lib/supervise/trace';
import { isLabelCode } from '$lib/sampling/tube-rules';
import type { TraceStatus } from '$lib/core/types';
import { RoundEntries } from './round-entries.svelte';
import type { StationContext } from '$lib/site/station-context';

/** What marking a tube positive came to. */
export type MarkResult = 'marked' | 'wrong-pin' | 'bad-tube' | 'no-round';

export class TraceStation {
  readonly source: RoundEntries;
  #tube = $state('');
  #trace = $derived.by((): TubeTrace | undefined => {
    const round = this.source.round;
    const entries = this.source.entries;
    return round && entries && this.#tube ? traceTube(entries, round, this.#tube, this.source.peopleById) : undefined;
  });
  #positives = $derived.by((): string[] => (this.source.round && this.source.entries ? positiveTubes(this.source.entries, this.source.round) : []));

  constructor(private readonly ctx: StationContext) {
    this.source = new RoundEntries(ctx);
  }

  /** The tube on screen, and what the entries say of it. */
  get tube() {
    return this.#tube;
  }
  get trace() {
    return this.#trace;
  }
  /** The round's positive tubes, by barcode. */
  get positives() {
    return this.#positives;
  }

  /** Shows a tube (typed, scanned or picked); false if the text cannot be a tube label. */
  show(text: string): boolean {
    const tube = cleanCode(text);
    if (!isLabelCode(tube)) return false;
    this.#tube = tube;
    return true;
  }

  /** Records the lab's positive result for the tube on screen. */
  async markPositive(pin: string): Promise<MarkResult> {
    const round = this.source.round;
    if (!round) return 'no-round';
    if (!this.#tube) return 'bad-tube';
    if (!(await this.ctx.checkPin(pin))) return 'wrong-pin';
    await this.#record({ kind: 'tube-result', subject: this.#tube, outcome: 'positive' }, round.id);
    return 'marked';
  }

  /** Records how far the tracing of one person of the tube has come. */
  async mark(subject: string, status: TraceStatus): Promise<void> {
    const round = this.source.round;
    if (!round || !this.#tube) return;
    await this.#record({ kind: 'trace', subject, outcome: status }, round.id);
  }

  // Station: the supervisor works at the sampling point; the ledger has no station of its own
  // for them, and the recorder's is where tubes are known.
  async #record(fields: { kind: 'tube-result' | 'trace'; subject: string; outcome: 'positive' | TraceStatus }, round: string) {
    await this.ctx.record({ ...fields, tube: this.#tube, round, station: 'recorder', verdict: 'accepted' });
  }

  destroy() {
    this.source.destroy();
  }
}
