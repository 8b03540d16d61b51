/**
 * The ledger's write path: every change to the site's Y.Docs is stored here, and nowhere
 * else. `Ledger` (ledger.ts) builds on it with opening, reading and upkeep.
 *
 * Algorithm (the invariant every step keeps: the update log on disk and the index rows
 * derived from it are written in ONE IndexedDB transaction, so they never disagree):
 *
 * 1. A change (a local entry, an imported roster, an update from a peer) is applied to the
 *    doc inside a Dexie `rw` transaction, synchronously, with an origin of our own.
 * 2. The doc's `update` event hands us the binary update; the `entries` map observer hands
 *    us the keys that became visible. Both are written in that same transaction, with the
 *    day's state vector and digest beside them (meta), and it commits with strict
 *    durability. (The roster has no index rows: it is read from the site doc into memory,
 *    and 40,000 rows cost an import several seconds for no reader.)
 * 3. Only when the commit resolved does the caller learn the entry is recorded (and only
 *    then do listeners such as the sync layer see the update, so no peer ever holds an
 *    entry this tablet might lose).
 * 4. If the transaction fails (disk full, quota, a closed database), the doc is thrown
 *    away and reloaded from disk: the in-memory doc must never hold what the disk does not,
 *    or later updates would depend on a struct that was never stored. The sequence numbers
 *    and digest the transaction held are forgotten with it.
 *
 * All writes go through one serial lane, so a compaction never interleaves with a scan.
 * y-indexeddb is not used: it writes outside our transaction and never says when a write
 * is durable.
 */
import * as Y from 'yjs';
import { encodeEntry } from '$lib/core/entry-codec';
import { formatEntryId } from '$lib/core/entry-id';
import { dayKey } from '$lib/core/day';
import { SerialLane } from '$lib/core/lane';
import type { Entry, Site } from '$lib/core/types';
import type { SiteDb } from './site-db';
import { SITE_DOC, dayDocName, entriesOf, isDayDoc } from './docs';
import { DayDocs, svRow } from './day-docs';
import { DigestCache, digestRow } from './digest-cache';
import { SeqReservation } from './identity';
import { compactLog, loadDoc } from './update-log';
import { DocCapture } from './write-capture';
import { entryRows } from './index-rows';
import { toWriteError } from './write-error';

/** What a caller supplies for a new entry; the ledger adds id, device and time. */
export type EntryDraft = Omit<Entry, 'id' | 'device' | 'at'> & { at?: number };

/** Origins tag our own transactions, so observers know where a change came from. */
export const ORIGIN_LOCAL = Symbol('bastion-local');
/** Tags an update another tab of this tablet stored (tabs.ts). */
export const ORIGIN_TAB = Symbol('bastion-tab');

/** How many log rows a doc may gather before it is compacted into one. */
export const COMPACT_AFTER_ROWS = 500;

export type PersistedListener = (doc: string, update: Uint8Array, origin: unknown) => void;
/**
 * Hears the entries that became visible in a day, once durable: own and peers' alike. `null`
 * when another tab stored an update of a day this tab does not hold in memory: what it
 * added is unknown here, but it is on disk.
 */
export type EntriesListener = (day: string, entries: readonly Entry[] | null) => void;

export class WritePath {
  protected readonly db: SiteDb;
  protected readonly lane = new SerialLane();
  protected readonly days: DayDocs;
  protected readonly digests: DigestCache;
  readonly #seqs: SeqReservation;
  #siteDoc: Y.Doc;
  #rowsSinceCompaction = new Map<string, number>();
  #persisted = new Set<PersistedListener>();
  #entryListeners = new Set<EntriesListener>();
  #now: () => number;

  protected constructor(db: SiteDb, readonly site: Site, readonly deviceId: string, siteDoc: Y.Doc, now: () => number) {
    this.db = db;
    this.#siteDoc = siteDoc;
    this.#now = now;
    this.days = new DayDocs(db, this.lane, () => this.today());
    this.digests = new DigestCache(db, this.lane, this.days);
    this.#seqs = new SeqReservation(db);
  }

  /** The site doc (config, roster, devices). Read it afresh: a failed write replaces it. */
  get siteDoc(): Y.Doc {
    return this.#siteDoc;
  }

  /** The ledger's clock (ms): what it stamps entries with. */
  now(): number {
    return this.#now();
  }

  /** Today's `YYYY-MM-DD` in the site's time zone. */
  today(): string {
    return dayKey(this.#now(), this.site.timeZone);
  }

  /** Listens to every update once it is durable on disk (the seam for sync providers). */
  onPersisted(listener: PersistedListener): () => void {
    this.#persisted.add(listener);
    return () => this.#persisted.delete(listener);
  }

  /** Listens to the entries that become visible in each day, once they are durable. */
  onEntries(listener: EntriesListener): () => void {
    this.#entryListeners.add(listener);
    return () => this.#entryListeners.delete(listener);
  }

  /**
   * Records one entry durably and returns it. Resolves only after the transaction that
   * holds both the update and its index row has committed with strict durability.
   */
  record(draft: EntryDraft): Promise<Entry> {
    return this.lane.run(async () => {
      const at = draft.at ?? this.#now();
      const day = dayKey(at, this.site.timeZone);
      const doc = await this.days.get(day);
      let entry: Entry | undefined;
      await this.#write([[dayDocName(day), doc]], async () => {
        const seq = await this.#seqs.next();
        const { at: _at, ...rest } = draft;
        entry = { ...rest, id: formatEntryId(this.deviceId, seq), device: this.deviceId, at };
        const value = encodeEntry(entry);
        doc.transact(() => entriesOf(doc).set(entry!.id, value), ORIGIN_LOCAL);
      });
      return entry!;
    });
  }

  /**
   * Applies an update from elsewhere (a peer, another tab, a file) and stores it, with the
   * index rows of whatever it made visible. The caller validates it first (sync layer).
   */
  applyUpdate(docName: string, update: Uint8Array, origin: unknown): Promise<void> {
    return this.lane.run(async () => {
      const doc = docName === SITE_DOC ? this.siteDoc : await this.days.get(docName.slice(4));
      await this.#write([[docName, doc]], async () => Y.applyUpdate(doc, update, origin));
    });
  }

  /**
   * Changes the site doc durably, in the write lane: `mutate` runs inside one Yjs
   * transaction on the current site doc and may return false to write nothing.
   */
  changeSite(mutate: (doc: Y.Doc) => boolean | void): Promise<void> {
    return this.lane.run(async () => {
      const doc = this.siteDoc;
      await this.#write([[SITE_DOC, doc]], async () => doc.transact(() => void mutate(doc), ORIGIN_LOCAL));
    });
  }

  /**
   * Changes the site doc and records the entries that say so, in ONE IndexedDB transaction:
   * after a crash both are on disk or neither (a policy change is never left without its
   * record, nor a record without its change). `mutate` runs inside one Yjs transaction on
   * the site doc and returns the drafts to record, stamped now; none writes nothing.
   */
  changeSiteRecording(mutate: (doc: Y.Doc) => readonly Omit<EntryDraft, 'at'>[]): Promise<Entry[]> {
    return this.lane.run(async () => {
      const at = this.#now();
      const day = dayKey(at, this.site.timeZone);
      const dayDoc = await this.days.get(day);
      const site = this.siteDoc;
      let entries: Entry[] = [];
      await this.#write(
        [
          [SITE_DOC, site],
          [dayDocName(day), dayDoc]
        ],
        async () => {
          let drafts: readonly Omit<EntryDraft, 'at'>[] = [];
          site.transact(() => void (drafts = mutate(site)), ORIGIN_LOCAL);
          const made: Entry[] = [];
          for (const draft of drafts) made.push({ ...draft, id: formatEntryId(this.deviceId, await this.#seqs.next()), device: this.deviceId, at });
          if (made.length > 0) dayDoc.transact(() => made.forEach((e) => entriesOf(dayDoc).set(e.id, encodeEntry(e))), ORIGIN_LOCAL);
          entries = made;
        }
      );
      return entries;
    });
  }

  /**
   * Takes in an update another tab of this tablet already stored: into memory only (it is
   * on disk), and on to the listeners, so this tab's sync sessions pass it on. A day not in
   * memory needs nothing: it will be loaded from disk with the update in it.
   */
  absorb(docName: string, update: Uint8Array): Promise<void> {
    return this.lane.run(async () => {
      const isSite = docName === SITE_DOC;
      const doc = isSite ? this.siteDoc : this.days.loaded(docName);
      this.digests.forget(docName); // the other tab stored the new one
      if (!doc) {
        if (isDayDoc(docName)) this.tellEntries(docName.slice(4), null);
        return;
      }
      const visible = new Set<string>();
      const onEntries = (e: Y.YMapEvent<unknown>) => e.keysChanged.forEach((k) => visible.add(k));
      if (!isSite) entriesOf(doc).observe(onEntries);
      try {
        Y.applyUpdate(doc, update, ORIGIN_TAB);
      } finally {
        if (!isSite) entriesOf(doc).unobserve(onEntries);
      }
      for (const l of this.#persisted) l(docName, update, ORIGIN_TAB);
      if (visible.size > 0) this.tellEntries(docName.slice(4), entryRows(doc, docName.slice(4), visible));
    });
  }

  /**
   * Replaces a doc's log rows by one row holding the doc's encoding (update-log.ts), in the
   * write lane.
   */
  compact(docName: string): Promise<void> {
    return this.lane.run(() => compactLog(this.db, docName));
  }

  /** Waits for every queued write, and any write they queued in turn. */
  settled(): Promise<void> {
    return this.lane.idle();
  }

  destroy(): void {
    this.siteDoc.destroy();
    this.days.destroy();
    this.#persisted.clear();
    this.#entryListeners.clear();
  }

  protected tellEntries(day: string, entries: readonly Entry[] | null): void {
    for (const l of this.#entryListeners) {
      try {
        l(day, entries);
      } catch (error) {
        console.warn('an entries listener failed', error);
      }
    }
  }

  /**
   * Runs `mutate` inside one strict rw transaction, capturing each target doc's update and
   * the index rows of what became visible, and writing them all in that same transaction:
   * the docs of one write are stored together or not at all.
   */
  async #write(targets: readonly (readonly [docName: string, doc: Y.Doc])[], mutate: () => Promise<void>): Promise<void> {
    const captures = targets.map(([name, doc]) => new DocCapture(name, doc, ORIGIN_LOCAL));
    const { db } = this;
    // After a full disk Chromium may close the database, and Dexie's own reopening can fail
    // while the disk is still full; once space is freed, the next scan opens it again.
    if (!db.isOpen()) await db.open().catch((error: unknown) => console.warn('database not reopened', error));
    try {
      await db.transaction('rw', [db.updates, db.entries, db.meta], async () => {
        await mutate();
        const writes: Promise<unknown>[] = [];
        for (const c of captures) {
          if (c.updates.length === 0) continue;
          // One row per doc and write: several updates of one transaction are merged (a
          // handful, not the quadratic many-row case).
          c.stored = c.updates.length === 1 ? c.updates[0]! : Y.mergeUpdates(c.updates);
          writes.push(db.updates.add({ doc: c.docName, data: c.stored }));
          if (c.isSite) continue;
          c.rows = entryRows(c.doc, c.day, c.visible);
          c.digest = this.digests.next(c.docName, c.doc, c.added, c.recount);
          // The day's state vector and digest are stored beside its update, so that neither
          // needs the day loaded or its index read again (sync, adverts).
          writes.push(db.meta.bulkPut([svRow(c.docName, c.doc), digestRow(c.docName, c.digest)]));
          if (c.rows.length > 0) writes.push(db.entries.bulkPut(c.rows));
        }
        // Sent together, not one after the other: each await is a round trip to the
        // database, and a scan's verdict waits for all of them (tests/bench).
        await Promise.all(writes);
      });
    } catch (cause) {
      // A block of sequence numbers reserved in the failed transaction was never stored.
      this.#seqs.forget();
      for (const c of captures) {
        this.digests.forget(c.docName);
        await this.#reload(c.docName);
      }
      throw toWriteError(cause);
    } finally {
      for (const c of captures) c.detach();
    }
    for (const c of captures) if (c.stored) this.#stored(c);
  }

  /** After the commit: the caches, the listeners, and compaction of a long log. */
  #stored(c: DocCapture): void {
    if (c.digest) this.digests.remember(c.docName, c.digest);
    // The origin of the change (ORIGIN_LOCAL, or whoever called applyUpdate), so a sync
    // session can tell its own peer's updates from the ones it must pass on.
    for (const l of this.#persisted) l(c.docName, c.stored!, c.origin);
    if (c.rows.length > 0) this.tellEntries(c.day, c.rows);
    const logRows = (this.#rowsSinceCompaction.get(c.docName) ?? 0) + 1;
    this.#rowsSinceCompaction.set(c.docName, logRows);
    if (logRows >= COMPACT_AFTER_ROWS) {
      this.#rowsSinceCompaction.set(c.docName, 0);
      void this.compact(c.docName).catch((e) => console.warn('compaction failed; the log stays as it is', e));
    }
  }

  /** Throws away a doc whose in-memory state may be ahead of the disk, and reloads it. */
  async #reload(docName: string): Promise<void> {
    const fresh = await loadDoc(this.db, docName).catch(() => new Y.Doc());
    if (docName !== SITE_DOC) return this.days.replace(docName, fresh);
    const stale = this.#siteDoc;
    this.#siteDoc = fresh;
    stale.destroy();
  }
}
