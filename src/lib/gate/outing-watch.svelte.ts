/**
 * The tally screen's watch over household outings: who is out past the quota's hours (逾期未归,
 * outings.ts `overdueOutings`) and which outings passed the quota only because the tablets
 * that let them out were apart (outing-conflicts.ts), live as entries arrive and as time
 * passes. With no quota set, neither list has anything to say.
 *
 * What it reads: the gate entries and voids of the site days that cover the last
 * max(WATCH_DAYS, D + 1) days (D: the quota's days), as two live queries, so that a scan
 * today re-reads today alone and the past days are read again only when an entry of theirs
 * arrives (a peer's catch-up). An outing begun before those days is not seen; the screen
 * says how many days it looks at. At midnight, or when D changes, it reads the new days;
 * with no quota, none.
 */
import { dayKey } from '$lib/core/day';
import type { Entry } from '$lib/core/types';
import { Live } from '$lib/ledger/live.svelte';
import type { EntrySource } from '$lib/site/station-context';
import type { LivePolicy } from './live-policy.svelte';
import { overdueOutings } from './outings';
import { quotaConflicts } from './outing-conflicts';

/** The fewest days the watch reads, today included. */
export const WATCH_DAYS = 7;
const DAY = 24 * 3_600_000;
const TICK_MS = 30_000;

export interface OutingWatchOptions {
  /** The clock of "how long overdue" (the ledger's own for its days). */
  now?: () => number;
  /** How often the clock is read again; 0: only by `refresh()`. */
  tickMs?: number;
}

/** The site days that cover the `count` days up to `now`, today first. */
export function watchedDays(now: number, timeZone: string, count: number): string[] {
  const days: string[] = [];
  for (let i = 0; i < count; i++) {
    const day = dayKey(now - i * DAY, timeZone);
    if (!days.includes(day)) days.push(day);
  }
  return days;
}

export class OutingWatch {
  #now = $state(0);
  #today = $state.raw<Live<Entry[]>>() as Live<Entry[]>;
  #past = $state.raw<Live<Entry[]>>() as Live<Entry[]>;
  #days: string[] = [];
  readonly #timer: ReturnType<typeof setInterval> | undefined;
  readonly #stopPolicy: () => void;

  readonly #entries = $derived([...(this.#past.current ?? []), ...(this.#today.current ?? [])]);
  /** People out longer than the quota's hours, longest out first. */
  readonly overdue = $derived.by(() => {
    const quota = this.policy.current.quota;
    return quota ? overdueOutings(this.#entries, quota, this.#now) : [];
  });
  /** Outings past the quota because tablets were apart, oldest first. */
  readonly conflicts = $derived.by(() => {
    const quota = this.policy.current.quota;
    return quota ? quotaConflicts(this.#entries, quota, this.householdOf) : [];
  });

  constructor(
    private readonly source: EntrySource,
    readonly policy: LivePolicy,
    /** A person's household from the roster (gate/outings.ts `householdOf`); undefined: not on it. */
    private readonly householdOf: (personId: string) => string | undefined,
    private readonly opts: OutingWatchOptions = {}
  ) {
    this.#now = this.#clock();
    this.#read();
    this.#stopPolicy = policy.onChange(() => this.#readIfNewDays());
    const tick = opts.tickMs ?? TICK_MS;
    if (tick > 0) this.#timer = setInterval(() => this.refresh(), tick);
  }

  /** How many days of records the lists look at. */
  get days(): number {
    return Math.max(WATCH_DAYS, (this.policy.current.quota?.days ?? 0) + 1);
  }

  /** Whether the first of the lists' reads has come back. */
  get isLoading(): boolean {
    return this.#today.isLoading || this.#past.isLoading;
  }

  /** Reads the clock again (the timer does, every 30 s), and the days if a new one began. */
  refresh(): void {
    this.#now = this.#clock();
    this.#readIfNewDays();
  }

  destroy(): void {
    clearInterval(this.#timer);
    this.#stopPolicy();
    this.#today.destroy();
    this.#past.destroy();
  }

  #clock(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** The days to read: none while the site sets no quota (nothing to say, and a day can be 40,000 entries). */
  #wanted(): string[] {
    return this.policy.current.quota ? watchedDays(this.#clock(), this.source.site.timeZone, this.days) : [];
  }

  #readIfNewDays(): void {
    if (this.#wanted().join() === this.#days.join()) return;
    this.#today.destroy();
    this.#past.destroy();
    this.#read();
  }

  #read(): void {
    const reads = this.source.reads;
    const [today, ...past] = (this.#days = this.#wanted());
    this.#today = new Live(async () => (today ? reads.dayGateEntries(today) : []));
    this.#past = new Live(async () => (await Promise.all(past.map((d) => reads.dayGateEntries(d)))).flat());
  }
}
