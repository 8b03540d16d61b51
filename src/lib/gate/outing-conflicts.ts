/**
 * Quota conflicts (DESIGN.md, "A scan is a fact"): two tablets that were apart may each let
 * a member of one household out within the quota as far as each could see, and together
 * pass it. Nothing is undone (the people are out); the clash is named for the supervisor.
 *
 * Algorithm, per household over a set of entries in any order (outings.ts defines outings):
 * for each outing start e, `earlier` are the household's other starts before e in the one
 * record order of the household's passes and less than D days older than e by the clock
 * (a start stamped later than e, by a clock that ran ahead, is within the window too). e is
 * over the quota if `earlier` holds N or more. e is a conflict if it is over the quota while
 * fewer than N of `earlier` are its own tablet's: on its own that tablet was within the
 * quota, so it could not see the others. (The gate's rules count, at the scan, every start
 * the tablet holds within D days, its own among them; so a tablet alone never raises one.)
 *
 * What it guarantees: whenever N + 1 starts of one household lie within less than D days
 * of each other by their stamps, and each tablet kept the quota by what it held, at least one
 * of them is named (the last of them in record order: its `earlier` holds the other N).
 *
 * What it cannot know: the quota in force when each outing started. It judges by the quota
 * it is given (the one in force now), so after the supervisor lowers the quota, outings that
 * were within the old one may be named where two tablets shared them.
 */
import { byTimeThenId, recordOrder } from '$lib/core/entries';
import type { OutingQuota } from '$lib/core/gate-policy';
import type { Entry } from '$lib/core/types';
import { outingStarts, passesByPerson } from './outings';

const DAY = 24 * 3_600_000;

/** A household's outing past its quota because tablets that let its members out were apart. */
export interface QuotaConflict {
  household: string;
  /** The start past the quota. */
  entry: Entry;
  /** The household's starts it was counted after, oldest first (byTimeThenId). */
  earlier: Entry[];
}

/**
 * The quota conflicts among `entries` (any order, any kinds). `householdOf` names a
 * person's household from the roster (undefined: not on it, not counted).
 */
export function quotaConflicts(entries: Iterable<Entry>, quota: OutingQuota, householdOf: (personId: string) => string | undefined): QuotaConflict[] {
  const byHousehold = new Map<string, Entry[]>();
  for (const [person, passes] of passesByPerson(entries)) {
    const household = householdOf(person);
    if (household === undefined) continue;
    const mine = byHousehold.get(household);
    if (mine) mine.push(...passes);
    else byHousehold.set(household, [...passes]);
  }
  const window = quota.days * DAY;
  const out: QuotaConflict[] = [];
  for (const [household, passes] of byHousehold) {
    const order = recordOrder(passes);
    const starts = outingStarts(passes);
    for (const e of starts) {
      const earlier = starts.filter((o) => order.compare(o, e) < 0 && e.at - o.at < window);
      if (earlier.length < quota.outings) continue;
      const own = earlier.filter((o) => o.device === e.device).length;
      if (own < quota.outings) out.push({ household, entry: e, earlier: earlier.sort(byTimeThenId) });
    }
  }
  return out.sort((x, y) => byTimeThenId(x.entry, y.entry));
}
