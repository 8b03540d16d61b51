/**
 * The missing list of a round (漏检), filtered by building, unit and special group, in walking
 * order; and apart from it, those sampled who are not on the roster and those checked in but
 * not sampled. Live as entries arrive.
 */
import { checkedInNotSampled, missingList, readMarks, sampledNotOnRoster, type MarkedPerson, type RoundMarks } from '$lib/core/coverage';
import type { Person, PersonTag } from '$lib/core/types';
import { RoundEntries } from './supervise-round.svelte';
import type { SiteSession } from './session.svelte';

const collator = new Intl.Collator('zh', { numeric: true });
const naturally = (values: string[]) => [...new Set(values)].sort(collator.compare);

export class MissingView {
  readonly source: RoundEntries;
  #building = $state('');
  #unit = $state('');
  #tag = $state<PersonTag | ''>('');
  #marks = $derived.by((): RoundMarks | undefined => {
    const round = this.source.round;
    const entries = this.source.entries;
    return round && entries ? readMarks(entries, round) : undefined;
  });
  #missing = $derived.by((): Person[] | undefined => {
    const round = this.source.round;
    if (!round || !this.#marks) return undefined;
    return missingList(this.session.people, this.#marks, round, {
      ...(this.#building ? { building: this.#building } : {}),
      ...(this.#unit ? { unit: this.#unit } : {}),
      ...(this.#tag ? { tags: [this.#tag] } : {})
    });
  });
  #notOnRoster = $derived.by((): MarkedPerson[] => (this.source.round && this.#marks ? sampledNotOnRoster(this.session.people, this.#marks, this.source.round) : []));
  #notSampled = $derived.by((): MarkedPerson[] => (this.source.round && this.#marks ? checkedInNotSampled(this.session.people, this.#marks, this.source.round) : []));
  #buildings = $derived.by(() => naturally(this.session.people.map((p) => p.building)));
  #units = $derived.by(() => naturally(this.session.people.filter((p) => p.building === this.#building).map((p) => p.unit)));

  constructor(private readonly session: SiteSession) {
    this.source = new RoundEntries(session);
  }

  get building() {
    return this.#building;
  }
  get unit() {
    return this.#unit;
  }
  get tag() {
    return this.#tag;
  }
  /** Every building on the roster, and the units of the chosen one, in natural order. */
  get buildings() {
    return this.#buildings;
  }
  get units() {
    return this.#units;
  }
  get missing() {
    return this.#missing;
  }
  get notOnRoster() {
    return this.#notOnRoster;
  }
  get notSampled() {
    return this.#notSampled;
  }

  /** Filters by building (a new building clears the unit). Empty means all. */
  setBuilding(b: string) {
    this.#building = b;
    this.#unit = '';
  }
  setUnit(u: string) {
    this.#unit = u;
  }
  setTag(t: PersonTag | '') {
    this.#tag = t;
  }

  destroy() {
    this.source.destroy();
  }
}
