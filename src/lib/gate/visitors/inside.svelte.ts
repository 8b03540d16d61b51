/**
 * The visitors still inside, as a live query: the visitor entries and voids of the last
 * INSIDE_DAYS site days this tablet holds (its own and its peers'), folded by
 * `visitsInside`. The visitor desk and the shift handover both show it.
 */
import { Live } from '$lib/ledger/live.svelte';
import type { Entry } from '$lib/core/types';
import type { EntrySource } from '$lib/site/station-context';
import { recentDays, visitsInside, type Visit } from './visitors';

/** The visitor entries and voids of the last days. */
export async function recentVisitEntries(source: EntrySource): Promise<Entry[]> {
  const days = recentDays(source.today());
  const parts = await Promise.all(days.flatMap((day) => [source.reads.dayKindEntries(day, 'visitor'), source.reads.dayKindEntries(day, 'void')]));
  return parts.flat();
}

export class VisitorsInside {
  readonly #live: Live<Visit[]>;

  constructor(source: EntrySource) {
    this.#live = new Live(async () => visitsInside(await recentVisitEntries(source)));
  }

  /** Undefined until read once. */
  get current(): Visit[] | undefined {
    return this.#live.current;
  }
  get error(): unknown {
    return this.#live.error;
  }

  destroy() {
    this.#live.destroy();
  }
}
