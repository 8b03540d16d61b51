/**
 * The supervisor's picture of a round (一张图): coverage of the roster per building and unit
 * and the reconciliation per tablet (for the round or one shift), recomputed as entries
 * arrive. The counting is core's (coverage.ts, reconcile.ts); this class only feeds it the
 * live round.
 */
import { coverage, readMarks, type Coverage, type RoundMarks } from '$lib/supervise/coverage';
import { checkedInNotSampled, notOnRoster } from '$lib/supervise/marked-people';
import { reconcile, type Reconciliation, type TimeSpan } from '$lib/supervise/reconcile';
import { conflicts, type Conflict } from '$lib/sampling/tube-conflicts';
import { RoundEntries } from './round-entries.svelte';
import type { StationContext } from '$lib/site/station-context';

export class CoverageView {
  readonly source: RoundEntries;
  #shift = $state.raw<TimeSpan | undefined>(undefined);
  #marks = $derived.by((): RoundMarks | undefined => {
    const round = this.source.round;
    const entries = this.source.entries;
    return round && entries ? readMarks(entries, round) : undefined;
  });
  #coverage = $derived.by((): Coverage | undefined => (this.source.round && this.#marks ? coverage(this.ctx.people(), this.#marks, this.source.round) : undefined));
  // How many people the missing screen lists apart, so the picture never hides them.
  #apart = $derived.by(() => {
    const round = this.source.round;
    const marks = this.#marks;
    if (!round || !marks) return undefined;
    return { notOnRoster: notOnRoster(this.ctx.people(), marks, round).length, notSampled: checkedInNotSampled(this.ctx.people(), marks, round).length };
  });
  #reconciliation = $derived.by((): Reconciliation | undefined => {
    const round = this.source.round;
    const entries = this.source.entries;
    return round && entries ? reconcile(entries, round, this.#shift) : undefined;
  });

  // Records of tablets that were apart and clash: listed, never resolved by overwriting.
  #conflicts = $derived.by((): Conflict[] | undefined => {
    const round = this.source.round;
    const entries = this.source.entries;
    return round && entries ? conflicts(entries, round) : undefined;
  });

  // Device names live in the site doc, which changes with the entries that matter here: read
  // afresh whenever the reconciliation does.
  #devices = $derived.by(() => {
    void this.#reconciliation;
    return this.ctx.entries.devices();
  });

  constructor(private readonly ctx: StationContext) {
    this.source = new RoundEntries(ctx);
  }

  get coverage() {
    return this.#coverage;
  }
  /** Counts of the two lists kept apart (not on the roster; checked in, not sampled). */
  get apart() {
    return this.#apart;
  }
  get reconciliation() {
    return this.#reconciliation;
  }
  get conflicts() {
    return this.#conflicts;
  }

  /** Narrows the reconciliation to one shift; undefined is the whole round. */
  setShift(span: TimeSpan | undefined) {
    this.#shift = span;
  }

  /** A tablet's name as registered, or its id when it has none. */
  deviceName(id: string): string {
    return this.#devices.get(id)?.name || id;
  }

  destroy() {
    this.source.destroy();
  }
}
