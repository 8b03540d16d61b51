/**
 * What the recorder and the box screen share: one round's tubes as a live book for display,
 * and a serial lane for actions. Every action reads the round's entries afresh and judges
 * against that, one at a time, so two quick wedge scans can never both see the same book
 * (and put an eleventh person into a tube of ten).
 *
 * Both screens flag the sealed tubes left out of a box too long: the recorder who sealed
 * them and the person packing the boxes each see the list.
 */
import { readTubes, staleTubes, type StaleTube, type TubeBook } from '$lib/sampling/tube';
import type { Round } from '$lib/core/round';
import type { Entry } from '$lib/core/types';
import type { SamplingDraft } from '$lib/sampling/tube-rules';
import { Live } from '$lib/ledger/live.svelte';
import type { SiteSession } from '$lib/site/session.svelte';

/** A tube sealed this long ago and still not in a box is flagged. */
export const STALE_AFTER_MS = 2 * 60 * 60 * 1000;

export class SamplingBook {
  readonly live: Live<{ book: TubeBook; entries: Entry[] }>;
  #lane: Promise<unknown> = Promise.resolve();
  // The clock the stale flag reads: ticks twice a minute, so a tube turns stale without a scan.
  #now = $state(Date.now());
  #timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly session: SiteSession,
    readonly round: Round
  ) {
    const reads = session.ledger!.reads;
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
  get device(): string {
    return this.session.ledger!.deviceId;
  }

  /** Runs `step` after every earlier step, with the round's tubes as they are on disk now. */
  serial<T>(step: (book: TubeBook) => Promise<T>): Promise<T> {
    const run = this.#lane.then(async () => step(readTubes(await this.session.ledger!.reads.roundEntries(this.round.id), this.round)));
    this.#lane = run.catch(() => undefined);
    return run;
  }

  /** Records an accepted verdict's entry durably, as the recorder station and the staff on duty. */
  record(draft: SamplingDraft): Promise<Entry> {
    return this.session.ledger!.record({ ...draft, station: 'recorder', staff: this.session.staff });
  }

  destroy() {
    clearInterval(this.#timer);
    this.live.destroy();
  }
}
