/**
 * The missing list of a round (漏检), filtered by building, unit and special group, in walking
 * order; and apart from it, with the same filters, those not on the roster (registered at the
 * point, or sampled with no roster row) and those checked in but not sampled. One of the
 * three is on screen at a time, to print or export. Live as entries arrive.
 */
import { missingList, readMarks, type MissingFilter, type RoundMarks } from '$lib/supervise/coverage';
import { checkedInNotSampled, notOnRoster, type MarkedPerson } from '$lib/supervise/marked-people';
import type { Person, PersonTag } from '$lib/core/types';
import { RoundEntries } from './round-entries.svelte';
import type { StationContext } from '$lib/site/station-context';

/** The three lists of the screen. */
export const MISSING_LISTS = ['missing', 'not-on-roster', 'not-sampled'] as const;
export type MissingListKind = (typeof MISSING_LISTS)[number];

export const isMissingList = (v: string | null): v is MissingListKind => (MISSING_LISTS as readonly (string | null)[]).includes(v);

const collator = new Intl.Collator('zh', { numeric: true });
const naturally = (values: string[]) => [...new Set(values)].sort(collator.compare);

export class MissingView {
  readonly source: RoundEntries;
  #list = $state<MissingListKind>('missing');
  #building = $state('');
  #unit = $state('');
  #tag = $state<PersonTag | ''>('');
  #filter = $derived.by(
    (): MissingFilter => ({
      ...(this.#building ? { building: this.#building } : {}),
      ...(this.#unit ? { unit: this.#unit } : {}),
      ...(this.#tag ? { tags: [this.#tag] } : {})
    })
  );
  #marks = $derived.by((): RoundMarks | undefined => {
    const round = this.source.round;
    const entries = this.source.entries;
    return round && entries ? readMarks(entries, round) : undefined;
  });
  #missing = $derived.by((): Person[] | undefined => (this.source.round && this.#marks ? missingList(this.ctx.people(), this.#marks, this.source.round, this.#filter) : undefined));
  #notOnRoster = $derived.by((): MarkedPerson[] | undefined => (this.source.round && this.#marks ? notOnRoster(this.ctx.people(), this.#marks, this.source.round, this.#filter) : undefined));
  #notSampled = $derived.by((): MarkedPerson[] | undefined => (this.source.round && this.#marks ? checkedInNotSampled(this.ctx.people(), this.#marks, this.source.round, this.#filter) : undefined));
  #buildings = $derived.by(() => naturally(this.ctx.people().map((p) => p.building)));
  #units = $derived.by(() => naturally(this.ctx.people().filter((p) => p.building === this.#building).map((p) => p.unit)));

  constructor(
    private readonly ctx: StationContext,
    list: MissingListKind = 'missing'
  ) {
    this.source = new RoundEntries(ctx);
    this.#list = list;
  }

  /** Which of the three lists is on screen. */
  get list() {
    return this.#list;
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
  /** Each list, filtered; undefined while loading. */
  get missing() {
    return this.#missing;
  }
  get notOnRoster() {
    return this.#notOnRoster;
  }
  get notSampled() {
    return this.#notSampled;
  }

  show(list: MissingListKind) {
    this.#list = list;
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
