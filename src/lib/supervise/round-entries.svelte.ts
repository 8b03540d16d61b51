/**
 * The round a supervisor's screen looks at (the current one unless another is chosen) and
 * its entries, live: the query re-runs as entries arrive from this tablet or its peers.
 * Choosing another round replaces the live query.
 */
import type { Round } from '$lib/core/round';
import type { Person } from '$lib/core/types';
import type { EntryRow } from '$lib/ledger/reads';
import { Live } from '$lib/ledger/live.svelte';
import type { StationContext } from '$lib/site/station-context';

export class RoundEntries {
  #chosen = $state<string | undefined>(undefined);
  #live = $state.raw<Live<EntryRow[]> | null>(null);
  // Replaced with the roster, never mutated: a plain Map is enough.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #peopleById = $derived.by(() => new Map(this.ctx.people().map((p) => [p.id, p])));

  constructor(private readonly ctx: StationContext) {
    this.choose((ctx.currentRound() ?? ctx.rounds()[0])?.id);
  }

  /**
   * The round on screen: the one open when the screen was opened (else the newest) until
   * another is chosen. Fixed rather than following "the current round", so the entries and
   * the round never belong to two different rounds.
   */
  get round(): Round | undefined {
    return this.ctx.rounds().find((r) => r.id === this.#chosen);
  }

  /** The round's entries; undefined while loading or with no round. */
  get entries(): EntryRow[] | undefined {
    return this.#live?.current;
  }

  get error(): unknown {
    return this.#live?.error ?? null;
  }

  get peopleById(): ReadonlyMap<string, Person> {
    return this.#peopleById;
  }

  choose(id: string | undefined) {
    this.#chosen = id;
    this.#live?.destroy();
    const { reads } = this.ctx.entries;
    this.#live = id ? new Live(() => reads.roundEntries(id)) : null;
  }

  destroy() {
    this.#live?.destroy();
  }
}
