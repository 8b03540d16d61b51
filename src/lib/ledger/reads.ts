/**
 * The screens' questions, as Dexie queries over the index tables. Each returns plain rows.
 * Only the ledger holds the database: features ask through `ledger.reads`, so the index
 * stays something the ledger derives and no screen writes or reads around it.
 */
import Dexie from 'dexie';
import type { Entry, StationKind } from '$lib/core/types';
import type { EntryRow, SiteDb } from './site-db';

export type { EntryRow } from './site-db';

/**
 * Kinds a station records that are not its scans, so its list of recent scans leaves them
 * out: voids and handovers are about entries, policy changes about the gate's rules
 * (recorded under the gate station); at the gate, visitors, vehicles and temperature
 * readings have screens and lists of their own (gate/visitors, vehicles, temperature).
 */
const NOT_SCANS: ReadonlySet<Entry['kind']> = new Set(['void', 'handover', 'policy', 'visitor', 'vehicle', 'temperature']);

// Longer than any site day (23–25 hours where clocks change), so `now` minus it is before today.
const DAY_MS = 26 * 3_600_000;

/** The read side of a site's index rows. */
export class LedgerReads {
  readonly #db: SiteDb;
  constructor(db: SiteDb) {
    this.#db = db;
  }
  /** A person's gate entries (all days) and the voids that cancel any of them. */
  async gateHistory(personId: string): Promise<Entry[]> {
    const own = await this.#db.entries.where('[subject+at]').between([personId, Dexie.minKey], [personId, Dexie.maxKey]).toArray();
    const gate = own.filter((e) => e.kind === 'gate-in' || e.kind === 'gate-out');
    if (gate.length === 0) return [];
    const voids = await this.#db.entries.where('voids').anyOf(gate.map((e) => e.id)).toArray();
    return [...gate, ...voids];
  }

  /** One entry by id, as indexed; undefined if this tablet holds none of that id. */
  entry(id: string): Promise<EntryRow | undefined> {
    return this.#db.entries.get(id);
  }

  /** How many entries the index holds, all days together. */
  entryCount(): Promise<number> {
    return this.#db.entries.count();
  }

  /** The site days this tablet holds entries of, oldest first. */
  async entryDays(): Promise<string[]> {
    return (await this.#db.entries.orderBy('day').uniqueKeys()) as string[];
  }

  /** The ids of every entry `device` made that this tablet holds. */
  async deviceEntryIds(device: string): Promise<string[]> {
    // Entry ids sort by device first.
    return (await this.#db.entries.where('id').between(`${device}:`, `${device}:\uffff`).primaryKeys()).map(String);
  }

  /** All entries of a site day. */
  dayEntries(day: string): Promise<EntryRow[]> {
    return this.#db.entries.where('day').equals(day).toArray();
  }

  /** A site day's entries of one kind. */
  dayKindEntries(day: string, kind: Entry['kind']): Promise<EntryRow[]> {
    return this.#db.entries.where('[day+kind]').equals([day, kind]).toArray();
  }

  /**
   * A site day's gate entries and voids: all that the gate tally counts. On a sampling day the
   * day holds tens of thousands of other entries, which the gate screen then never reads. One
   * range per kind, read at once (`anyOf` would walk a cursor, a round trip per row).
   */
  async dayGateEntries(day: string): Promise<EntryRow[]> {
    const kinds = ['gate-in', 'gate-out', 'void'] as const;
    const parts = await Promise.all(kinds.map((kind) => this.#db.entries.where('[day+kind]').equals([day, kind]).toArray()));
    return parts.flat();
  }

  /**
   * The latest entries this device made at a station today, newest first, with their voids.
   * Reads the station's last day along its time index (one range, read at once), not the
   * whole day: the gate re-reads this after every scan, and on a sampling day a tablet holds
   * tens of thousands of entries of today made at other stations. `now` bounds the range.
   */
  async recentEntries(day: string, device: string, station: StationKind, limit: number, now = Date.now()): Promise<{ entries: EntryRow[]; voided: Set<string> }> {
    const rows = (await this.#db.entries.where('[station+at]').between([station, now - DAY_MS], [station, Dexie.maxKey]).toArray()).filter((e) => e.day === day && e.device === device);
    rows.sort((a, b) => b.at - a.at || (b.id > a.id ? 1 : -1));
    const voided = new Set(rows.filter((e) => e.kind === 'void' && e.voids).map((e) => e.voids!));
    const entries = rows.filter((e) => !NOT_SCANS.has(e.kind)).slice(0, limit);
    return { entries, voided };
  }

  /** All entries of a round (any day). */
  roundEntries(round: string): Promise<EntryRow[]> {
    return this.#db.entries.where('round').equals(round).toArray();
  }

  /**
   * One person's entries of one round (check-ins, stickers, samples) and the voids that
   * cancel any of them: what the guide needs to say "already checked in / sampled".
   */
  async personRoundEntries(personId: string, round: string): Promise<Entry[]> {
    const own = await this.#db.entries.where('[subject+at]').between([personId, Dexie.minKey], [personId, Dexie.maxKey]).toArray();
    const mine = own.filter((e) => e.round === round && e.kind !== 'void');
    if (mine.length === 0) return [];
    const voids = await this.#db.entries.where('voids').anyOf(mine.map((e) => e.id)).toArray();
    return [...mine, ...voids];
  }

  /** The handover entries recorded on `days`. */
  async handoverRows(days: readonly string[]): Promise<EntryRow[]> {
    const lists = await Promise.all(days.map((day) => this.#db.entries.where('[day+kind]').equals([day, 'handover']).toArray()));
    return lists.flat();
  }

  /** Every entry of `days`. */
  async daysRows(days: readonly string[]): Promise<EntryRow[]> {
    return this.#db.entries.where('day').anyOf([...days]).toArray();
  }
}
