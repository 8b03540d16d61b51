/**
 * The open site's roster in memory, for instant look-ups at a station: every person, and a
 * person by id. The site doc is the truth; this is read from it when the site opens, after
 * an import, and when a peer's change arrives (`reload`). It is a `RosterTarget`, so the
 * import screen writes through it.
 */
import type { Person } from '$lib/core/types';
import type { Ledger } from '$lib/ledger/ledger';
import type { RosterTarget } from './import.svelte';

export class SiteRoster implements RosterTarget {
  #people = $state.raw<Person[]>([]);
  // Replaced wholesale on every roster change and never mutated, so a plain Map in a raw
  // state is enough (and 40,000 entries in a SvelteMap would cost for nothing).
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #byId = $state.raw(new Map<string, Person>());

  constructor(private readonly ledger: Pick<Ledger, 'people' | 'importPeople'>) {
    this.reload();
  }

  /** Everyone on the roster. */
  get people(): readonly Person[] {
    return this.#people;
  }

  person(id: string): Person | undefined {
    return this.#byId.get(id);
  }

  /** Adds people to the roster (all or nothing) and refreshes the roster in memory. */
  async importPeople(people: readonly Person[]): Promise<void> {
    await this.ledger.importPeople(people);
    this.reload();
  }

  /** Reads the roster again from the site doc (a peer changed it). */
  reload(): void {
    const people = this.ledger.people();
    this.#people = people;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#byId = new Map(people.map((p) => [p.id, p]));
  }
}
