/**
 * The narrow seam between a station and the rest of the tablet (the model is `RosterTarget`
 * in roster/import.svelte.ts): what a station may do — record an entry, read entries, know
 * the site, the duty person and the roster, check the supervisor PIN — and nothing else. The
 * app builds one from the open site (`sites.current.stationContext()`, open-site.svelte.ts);
 * unit tests build one on a ledger over fake-indexeddb (station-fixtures.ts), so every
 * station is tested without a browser.
 */
import type { Round } from '$lib/core/round';
import type { Entry, Person } from '$lib/core/types';
import type { EntryDraft, Ledger } from '$lib/ledger/ledger';
import type { TabletMeta } from '$lib/ledger/tablet-meta';
import type { GatePolicy } from '$lib/core/gate-policy';
import type { PassVerdict } from '$lib/gate/passes';

/** What a station reads of the ledger: the index's questions, today, and new entries. */
export type EntrySource = Pick<Ledger, 'reads' | 'today' | 'onEntries' | 'deviceId' | 'devices'> & { readonly site: Pick<Ledger['site'], 'id' | 'timeZone'> };

export interface StationContext {
  /** The open site's id (a person code of another site is refused). */
  readonly siteId: string;
  /** The site's time zone (days and hours are the site's, not the tablet's). */
  readonly timeZone: string;
  /** This tablet's device id: its own tubes and records. */
  readonly device: string;
  readonly entries: EntrySource;
  /** What this tablet remembers of its own work here, never synced (a team's buildings). */
  readonly tablet: TabletMeta;
  /** The duty person signed in now (read at each record). */
  staff(): string;
  /** The roster entry of a person id, from memory. */
  person(id: string): Person | undefined;
  /** The whole roster in memory. */
  people(): readonly Person[];
  /** The round open now, if any. */
  currentRound(): Round | undefined;
  /** The site's rounds, newest first. */
  rounds(): readonly Round[];
  /** Records one entry durably as the duty person; resolves once it is on disk. */
  record(draft: Omit<EntryDraft, 'staff'>): Promise<Entry>;
  /** True if `pin` is the site's supervisor PIN. */
  checkPin(pin: string): Promise<boolean>;
  /** Adds people to the roster (all or nothing): the guide registers those not on it. */
  addPeople(people: readonly Person[]): Promise<void>;
  /** The ledger's clock (ms), what entries are stamped with. */
  now(): number;
  /** The gate policy as the site doc says now. */
  policy(): GatePolicy;
  /** Judges a scanned pass text against the site's trust list and revocations (site-passes.svelte.ts). */
  judgePass(text: string, now: number): Promise<PassVerdict>;
}

/** What the tablet gives a context beyond its ledger. */
export type ContextParts = Pick<StationContext, 'staff' | 'person' | 'people' | 'currentRound' | 'rounds' | 'checkPin' | 'addPeople' | 'judgePass'>;

/** A station's context over an open ledger. */
export function stationContext(ledger: Ledger, parts: ContextParts): StationContext {
  return {
    siteId: ledger.site.id,
    timeZone: ledger.site.timeZone,
    device: ledger.deviceId,
    entries: ledger,
    tablet: ledger.tablet,
    ...parts,
    now: () => ledger.now(),
    policy: () => ledger.policy(),
    record: (draft) => ledger.record({ ...draft, staff: parts.staff() })
  };
}
