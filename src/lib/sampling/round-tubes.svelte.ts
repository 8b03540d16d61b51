/**
 * What the recorder and the box screen show of one round's tubes: the live book (re-read as
 * entries arrive from this tablet or its peers) and the sealed tubes left out of a box too
 * long. Display only: every action judges against the tubes read afresh (tube-flow.ts), in
 * its station's serial lane, never against this view, which may lag a fast scanner.
 *
 * Both screens flag the stale tubes: the recorder who sealed them and the person packing
 * the boxes each see the list.
 */
import { readTubes, staleTubes, type StaleTube, type TubeBook } from '$lib/sampling/tube';
import type { Round } from '$lib/core/round';
import type { Entry } from '$lib/core/types';
import { Live } from '$lib/ledger/live.svelte';
import type { StationContext } from '$lib/site/station-context';

/** A tube sealed this long ago and still not in a box is flagged. */
export const STALE_AFTER_MS = 2 * 60 * 60 * 1000;

export class RoundTubes {
  readonly live: Live<{ book: TubeBook; entries: Entry[] }>;
  // The clock the stale flag reads: ticks twice a minute, so a tube turns stale without a scan.
  #now = $state(Date.now());
  #timer: ReturnType<typeof setInterval>;

  constructor(
    ctx: StationContext,
    readonly round: Round
  ) {
    const { reads } = ctx.entries;
    this.live = new Live(async () => {
      const entries = await reads.roundEntries(round.id);
      return { book: readTubes(entries, round), entries };
    });
    this.#timer = setInterval(() => (this.#now = Date.now()), 30_000);
  }

  get book(): TubeBook | undefined {
    return this.live.current?.book;
  }
  /** Sealed tubes of the round waiting for a box longer than STALE_AFTER_MS, oldest first. */
  get stale(): StaleTube[] {
    const entries = this.live.current?.entries;
    return entries ? staleTubes(entries, this.#now, STALE_AFTER_MS) : [];
  }

  destroy() {
    clearInterval(this.#timer);
    this.live.destroy();
  }
}
