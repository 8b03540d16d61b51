/**
 * The supervisor's picture of a round (一张图): coverage of the roster per building and unit
 * and the reconciliation per tablet (for the round or one shift), recomputed as entries
 * arrive. The counting is core's (coverage.ts, reconcile.ts); this class only feeds it the
 * live round.
 */
import { coverage, type Coverage } from '$lib/core/coverage';
import { reconcile, type Reconciliation, type TimeSpan } from '$lib/core/reconcile';
import { conflicts, type Conflict } from '$lib/core/tube-conflicts';
import { RoundEntries } from './supervise-round.svelte';
import type { SiteSession } from './session.svelte';

export class CoverageView {
  readonly source: RoundEntries;
  #shift = $state.raw<TimeSpan | undefined>(undefined);
  #coverage = $derived.by((): Coverage | undefined => {
    const round = this.source.round;
    const entries = this.source.entries;
    return round && entries ? coverage(this.session.people, entries, round) : undefined;
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
    // A read-only fallback, replaced wholesale: no need for a SvelteMap.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    return this.session.ledger?.devices() ?? new Map<string, { name: string }>();
  });

  constructor(private readonly session: SiteSession) {
    this.source = new RoundEntries(session);
  }

  get coverage() {
    return this.#coverage;
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
