/**
 * The buildings a door-to-door team's tablet is assigned (负责的楼栋), remembered on the
 * tablet per site: a reload, a crash or the next shift on the same tablet keeps the team's
 * list. The choice is this tablet's own, so it lives in the site database's `meta` table and
 * is never synced.
 *
 * The saved choice is read once at start; a choice made before it arrives wins (the team
 * tapped a building while the disk was slow), so a late read never undoes a tap.
 */
import type { TabletMeta } from '$lib/ledger/tablet-meta';

// The chosen set is replaced wholesale, never mutated once shown: raw state and a plain Set
// are enough.
const setOf = (items: Iterable<string>): ReadonlySet<string> => new Set(items);

export class TeamBuildings {
  #chosen = $state.raw(setOf([]));
  #loading = $state(true);
  #touched = false;
  /** Settles once the saved choice is read; rejects if the read failed (then none is chosen). */
  readonly ready: Promise<void>;

  constructor(private readonly tablet: TabletMeta) {
    this.ready = tablet.visitBuildings()
      .then((saved) => {
        if (!this.#touched) this.#chosen = setOf(saved);
      })
      .finally(() => (this.#loading = false));
  }

  get chosen(): ReadonlySet<string> {
    return this.#chosen;
  }
  /** True until the saved choice has been read. */
  get loading() {
    return this.#loading;
  }

  /** Adds or removes a building and saves the whole choice; rejects if the save fails. */
  toggle(building: string): Promise<void> {
    this.#touched = true;
    const had = this.#chosen.has(building);
    const next = had ? [...this.#chosen].filter((b) => b !== building) : [...this.#chosen, building];
    this.#chosen = setOf(next);
    return this.tablet.saveVisitBuildings(next);
  }
}
