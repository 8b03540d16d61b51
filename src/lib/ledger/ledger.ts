/**
 * The ledger: the bridge between the site's Y.Docs and its Dexie database.
 *
 * Algorithm (the invariant every step keeps: the update log on disk and the index rows
 * derived from it are written in ONE IndexedDB transaction, so they never disagree):
 *
 * 1. A change (a local entry, an imported roster, an update from a peer) is applied to the
 *    doc inside a Dexie `rw` transaction, synchronously, with an origin of our own.
 * 2. The doc's `update` event hands us the binary update; the `entries` map observer hands
 *    us the keys that became visible. Both are written in that same transaction, which
 *    commits with strict durability. (The roster has no index rows: it is read from the
 *    site doc into memory, and 40,000 rows cost an import several seconds for no reader.)
 * 3. Only when the commit resolved does the caller learn the entry is recorded (and only
 *    then do listeners such as the sync layer see the update, so no peer ever holds an
 *    entry this tablet might lose).
 * 4. If the transaction fails (disk full, quota, a closed database), the doc is thrown
 *    away and reloaded from disk: the in-memory doc must never hold what the disk does not,
 *    or later updates would depend on a struct that was never stored.
 *
 * All writes go through one queue, so a compaction never interleaves with a scan.
 * y-indexeddb is not used: it writes outside our transaction and never says when a write
 * is durable.
 */
import * as Y from 'yjs';
import Dexie from 'dexie';
import { encodeEntry } from '$lib/core/entry-codec';
import { addToDigest, digestOf, type Digest } from '$lib/core/digest';
import { formatEntryId, makeDeviceId } from '$lib/core/entry-id';
import { dayKey } from '$lib/core/day';
import { STATIONS, type Entry, type Person, type Site, type StationKind } from '$lib/core/types';
import type { EntryRow, SiteDb } from '$lib/ledger/site-db';
import { LedgerReads } from './reads';
import { SITE_DOC, dayDocName, decodePerson, decodeRound, encodePerson, entriesOf, peopleOf, configOf, devicesOf, roundsOf, isDayDoc } from './docs';
import { validateRound, type Round } from '$lib/core/round';
import { ORIGIN_LOAD, entryRows, loadDoc, rebuildDayIndex } from './index-rows';

export { ORIGIN_LOAD, loadDoc } from './index-rows';

/** What a caller supplies for a new entry; the ledger adds id, device and time. */
export type EntryDraft = Omit<Entry, 'id' | 'device' | 'at'> & { at?: number };

/** Origins tag our own transactions, so observers know where a change came from. */
export const ORIGIN_LOCAL = Symbol('bastion-local');
/** Tags an update another tab of this tablet stored (ledger-tabs.ts). */
export const ORIGIN_TAB = Symbol('bastion-tab');

/** How many log rows a doc may gather before it is compacted into one. */
export const COMPACT_AFTER_ROWS = 500;
/**
 * Past days kept in memory besides today. A campaign is weeks of days and a day of a large
 * site ~40,000 entries (~20 MB of heap): a tablet that helped a peer catch up on old days
 * must not keep them all.
 */
export const PAST_DAYS_IN_MEMORY = 3;
/** The User Timing mark set once today's doc is loaded and its index checked after opening. */
export const TODAY_READY_MARK = 'bastion:today-ready';
const svKey = (docName: string) => `sv:${docName}`;
const digestKey = (docName: string) => `digest:${docName}`;

export class LedgerWriteError extends Error {
  override name = 'LedgerWriteError';
  constructor(
    readonly reason: 'quota' | 'closed' | 'failed',
    options?: { cause?: unknown }
  ) {
    super(`ledger write failed: ${reason}`, options);
  }
}

interface DeviceIdentity {
  id: string;
  seq: number;
}

type PersistedListener = (doc: string, update: Uint8Array, origin: unknown) => void;
/**
 * Hears the entries that became visible in a day, once durable: own and peers' alike. `null`
 * when another tab stored an update of a day this tab does not hold in memory: what it
 * added is unknown here, but it is on disk.
 */
type EntriesListener = (day: string, entries: readonly Entry[] | null) => void;

/**
 * Sequence numbers an open ledger takes from the disk at a time. A scan then needs no read
 * of the counter; the numbers a closed tab never used are skipped, and ids need no more
 * than to be unique. Each tab of a tablet reserves its own blocks.
 */
export const SEQ_BLOCK = 64;

export interface LedgerOptions {
  now?: () => number;
  randomBytes?: (n: number) => Uint8Array;
}

export class Ledger {
  #siteDoc: Y.Doc;
  #days = new Map<string, Y.Doc>();
  #queue: Promise<unknown> = Promise.resolve();
  #rowsSinceCompaction = new Map<string, number>();
  #persisted = new Set<PersistedListener>();
  #entryListeners = new Set<EntriesListener>();
  /** Day digests as last stored, by doc name (the disk has them too, under `digest:`). */
  #digests = new Map<string, Digest>();
  /** Reserved sequence numbers not used yet: `next` up to `last`, both included. */
  #seqs: { next: number; last: number } | null = null;
  #now: () => number;
  /** What the screens ask of the index rows. */
  readonly reads: LedgerReads;

  private constructor(
    readonly db: SiteDb,
    readonly site: Site,
    readonly deviceId: string,
    siteDoc: Y.Doc,
    opts: LedgerOptions
  ) {
    this.#siteDoc = siteDoc;
    this.#now = opts.now ?? (() => Date.now());
    this.reads = new LedgerReads(db);
  }

  /**
   * Opens a site's ledger: loads the site doc; then, in the write queue, today's doc and the
   * check of its index rows against it (`settled()` waits for them).
   */
  static async open(db: SiteDb, site: Site, opts: LedgerOptions = {}): Promise<Ledger> {
    const randomBytes = opts.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
    const deviceId = await db.transaction('rw', db.meta, async () => {
      const row = await db.meta.get('device');
      if (row) return (row.value as DeviceIdentity).id;
      const id = makeDeviceId(randomBytes);
      await db.meta.put({ key: 'device', value: { id, seq: 0 } satisfies DeviceIdentity });
      return id;
    });
    const siteDoc = await loadDoc(db, SITE_DOC);
    const ledger = new Ledger(db, site, deviceId, siteDoc, opts);
    await ledger.#ensureConfig();
    // Today's doc (~0.5 s for a day of 40,000 entries) and the check of its index rows run
    // in the write queue after the site opened: a scan's write waits behind them, the
    // screen does not (tests/bench, cold start).
    void ledger.verifyIndex(dayDocName(ledger.today())).then(
      () => performance.mark(TODAY_READY_MARK),
      (error: unknown) => console.warn("today's index was not checked", error)
    );
    return ledger;
  }

  /** The site doc (config, roster, devices). Read it afresh: a failed write replaces it. */
  get siteDoc(): Y.Doc {
    return this.#siteDoc;
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

  /** The doc of a day, loaded from the log on first use. */
  async dayDoc(day: string): Promise<Y.Doc> {
    const name = dayDocName(day);
    let doc = this.#days.get(name);
    if (!doc) {
      doc = await loadDoc(this.db, name);
      // Another caller may have loaded it while we awaited.
      const again = this.#days.get(name);
      if (again) {
        doc.destroy();
        return again;
      }
      this.#days.set(name, doc);
      void this.#enqueue(async () => this.#forgetOldDays());
    } else {
      // Most recently used last, for #forgetOldDays.
      this.#days.delete(name);
      this.#days.set(name, doc);
    }
    return doc;
  }

  /**
   * What this tablet holds of a doc, as a Yjs state vector, without loading a past day:
   * every write stores the doc's vector beside its update, in the same transaction.
   */
  async stateVector(docName: string): Promise<Uint8Array> {
    if (docName === SITE_DOC) return Y.encodeStateVector(this.siteDoc);
    const loaded = this.#days.get(docName);
    if (loaded) return Y.encodeStateVector(loaded);
    const row = await this.db.meta.get(svKey(docName));
    if (row?.value instanceof Uint8Array) return row.value;
    return Y.encodeStateVector(await this.dayDoc(docName.slice(4))); // written before vectors were stored
  }

  /**
   * Drops past days beyond PAST_DAYS_IN_MEMORY from memory (least recently used first).
   * Runs in the write queue, so no write is holding a doc it drops; the disk has them all.
   */
  #forgetOldDays(): void {
    const today = dayDocName(this.today());
    const past = [...this.#days.keys()].filter((n) => n !== today);
    for (const name of past.slice(0, Math.max(0, past.length - PAST_DAYS_IN_MEMORY))) this.#days.delete(name);
  }

  /**
   * The digest of a day's entry ids (core/digest.ts) without loading the day: as stored
   * with its last write; from the day's index keys for days stored before digests were.
   */
  async dayDigest(day: string): Promise<Digest> {
    const name = dayDocName(day);
    const known = this.#digests.get(name);
    if (known) return known;
    const row = await this.db.meta.get(digestKey(name));
    if (row && isDigest(row.value)) return row.value;
    const loaded = this.#days.get(name);
    if (loaded) return digestOf(entriesOf(loaded).keys());
    // Read outside the write queue (scans must not wait behind 40,000 keys), then stored so a
    // tablet upgraded from before digests reads them only once; unless a write stored the
    // day's digest meanwhile, which then counts what was read and more.
    const { db } = this;
    const digest = digestOf((await db.entries.where('day').equals(day).primaryKeys()) as string[]);
    return this.#enqueue(() =>
      db.transaction('rw', db.meta, async () => {
        const stored = await db.meta.get(digestKey(name));
        if (stored && isDigest(stored.value)) return stored.value;
        await db.meta.put({ key: digestKey(name), value: digest });
        return digest;
      })
    );
  }

  /** The doc of a day if it is in memory already (never loads one). */
  loadedDayDoc(day: string): Y.Doc | undefined {
    return this.#days.get(dayDocName(day));
  }

  /**
   * Records one entry durably and returns it. Resolves only after the transaction that
   * holds both the update and its index row has committed with strict durability.
   */
  record(draft: EntryDraft): Promise<Entry> {
    return this.#enqueue(async () => {
      const at = draft.at ?? this.#now();
      const day = dayKey(at, this.site.timeZone);
      const docName = dayDocName(day);
      const doc = await this.dayDoc(day);
      let entry: Entry | undefined;
      await this.#write(docName, doc, async () => {
        const seq = await this.#nextSeq();
        const { at: _at, ...rest } = draft;
        entry = { ...rest, id: formatEntryId(this.deviceId, seq), device: this.deviceId, at };
        const value = encodeEntry(entry);
        doc.transact(() => entriesOf(doc).set(entry!.id, value), ORIGIN_LOCAL);
      });
      return entry!;
    });
  }

  /**
   * Adds (or replaces) people on the roster: one Yjs transaction, one IndexedDB
   * transaction, so an import is all or nothing.
   */
  importPeople(people: readonly Person[]): Promise<void> {
    return this.#enqueue(async () => {
      const doc = this.siteDoc;
      await this.#write(SITE_DOC, doc, async () => {
        doc.transact(() => {
          const map = peopleOf(doc);
          for (const p of people) map.set(p.id, encodePerson(p));
        }, ORIGIN_LOCAL);
      });
    });
  }

  /**
   * Applies an update from elsewhere (a peer, another tab, a file) and stores it, with the
   * index rows of whatever it made visible. The caller validates it first (sync layer).
   */
  applyUpdate(docName: string, update: Uint8Array, origin: unknown): Promise<void> {
    return this.#enqueue(async () => {
      const doc = docName === SITE_DOC ? this.siteDoc : await this.dayDoc(docName.slice(4));
      await this.#write(docName, doc, async () => {
        Y.applyUpdate(doc, update, origin);
      });
    });
  }

  /**
   * Says in the site doc what this tablet is called and which station it serves, so the
   * other tablets can name it. Writes only when something changed.
   */
  registerDevice(name: string, station: StationKind): Promise<void> {
    const value = { n: name.slice(0, 40), s: STATIONS.indexOf(station) };
    return this.changeSite((doc) => {
      const current = devicesOf(doc).get(this.deviceId) as typeof value | undefined;
      if (current && current.n === value.n && current.s === value.s) return false;
      devicesOf(doc).set(this.deviceId, value);
    });
  }

  /**
   * Changes the site doc durably, in the write queue: `mutate` runs inside one Yjs
   * transaction on the current site doc and may return false to write nothing.
   */
  changeSite(mutate: (doc: Y.Doc) => boolean | void): Promise<void> {
    return this.#enqueue(async () => {
      const doc = this.siteDoc;
      await this.#write(SITE_DOC, doc, async () => {
        doc.transact(() => void mutate(doc), ORIGIN_LOCAL);
      });
    });
  }

  /**
   * Opens, changes or closes a round (a supervisor's act). The round is checked first; a
   * round that fails the check is a programmer error here (forms validate before calling).
   */
  saveRound(round: Round): Promise<void> {
    const check = validateRound(round);
    if (!check.ok) return Promise.reject(new RangeError(`invalid round: ${check.problems.join(', ')}`));
    return this.#enqueue(async () => {
      const doc = this.siteDoc;
      await this.#write(SITE_DOC, doc, async () => {
        doc.transact(() => roundsOf(doc).set(check.round.id, { ...check.round }), ORIGIN_LOCAL);
      });
    });
  }

  /** The site's rounds, newest first. */
  rounds(): Round[] {
    const out: Round[] = [];
    roundsOf(this.siteDoc).forEach((raw, id) => {
      const r = decodeRound(id, raw);
      if (r) out.push(r);
    });
    return out.sort((a, b) => b.openedAt - a.openedAt || (a.id < b.id ? -1 : 1));
  }

  /** The tablets the site doc knows: id → name and station. */
  devices(): Map<string, { name: string; station: StationKind }> {
    const out = new Map<string, { name: string; station: StationKind }>();
    devicesOf(this.siteDoc).forEach((raw, id) => {
      const v = raw as { n?: unknown; s?: unknown };
      const station = typeof v.s === 'number' ? STATIONS[v.s] : undefined;
      if (typeof v.n === 'string' && station) out.set(id, { name: v.n, station });
    });
    return out;
  }

  /** Site name and zone as the site doc says (the doc is the truth once it has them). */
  get config(): { name: string; timeZone: string } {
    const c = configOf(this.siteDoc);
    return { name: String(c.get('name') ?? this.site.name), timeZone: String(c.get('timeZone') ?? this.site.timeZone) };
  }

  /** All roster people as the site doc holds them. */
  people(): Person[] {
    const out: Person[] = [];
    peopleOf(this.siteDoc).forEach((raw, id) => {
      const p = decodePerson(id, raw);
      if (p) out.push(p);
    });
    return out;
  }

  /**
   * Checks a doc's index rows against the doc and rebuilds them where they disagree (a
   * crash between schema versions, a bug, a hand-edited database). Returns whether it had to.
   *
   * The doc is read from disk in the same transaction as the rows, never taken from memory:
   * another tab of this tablet may have stored entries this tab has not absorbed yet, and a
   * check against the older doc would delete their rows. The doc read is kept in memory if
   * the day was not loaded yet.
   */
  verifyIndex(docName: string): Promise<boolean> {
    return this.#enqueue(async () => {
      if (!isDayDoc(docName)) return false;
      const day = docName.slice(4);
      const { db } = this;
      const { doc, rebuilt } = await db.transaction('rw', [db.updates, db.entries], async () => {
        const onDisk = await loadDoc(db, docName);
        return { doc: onDisk, rebuilt: await rebuildDayIndex(db, onDisk, day) };
      });
      if (this.#days.has(docName)) doc.destroy();
      else this.#days.set(docName, doc);
      if (rebuilt) this.#tellEntries(day, null);
      return rebuilt;
    });
  }

  /**
   * Replaces a doc's log rows by one row holding the doc's encoding. The rows are loaded
   * into a fresh doc and re-encoded (never Y.mergeUpdates over many rows: quadratic).
   */
  compact(docName: string): Promise<void> {
    return this.#enqueue(() => this.#compact(docName));
  }

  /** Waits for every queued write. */
  async settled(): Promise<void> {
    await this.#queue.catch(() => undefined);
  }

  /**
   * Takes in an update another tab of this tablet already stored: into memory only (it is
   * on disk), and on to the listeners, so this tab's sync sessions pass it on. A day not in
   * memory needs nothing: it will be loaded from disk with the update in it.
   */
  absorb(docName: string, update: Uint8Array): Promise<void> {
    return this.#enqueue(async () => {
      const isSite = docName === SITE_DOC;
      const doc = isSite ? this.siteDoc : this.#days.get(docName);
      this.#digests.delete(docName); // the other tab stored the new one
      if (!doc) {
        if (isDayDoc(docName)) this.#tellEntries(docName.slice(4), null);
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
      if (visible.size > 0) this.#tellEntries(docName.slice(4), entryRows(doc, docName.slice(4), visible));
    });
  }

  destroy(): void {
    this.siteDoc.destroy();
    for (const d of this.#days.values()) d.destroy();
    this.#days.clear();
    this.#persisted.clear();
    this.#entryListeners.clear();
  }

  // ---- internals -------------------------------------------------------------------

  /**
   * The next sequence number of this tablet, inside a write transaction. When the reserved
   * block is used up, the next one is taken from the counter on disk, in the same
   * transaction: if it fails, `#write` forgets the block, and the disk still says where the
   * next one starts.
   */
  async #nextSeq(): Promise<number> {
    if (!this.#seqs || this.#seqs.next > this.#seqs.last) {
      const identity = (await this.db.meta.get('device'))!.value as DeviceIdentity;
      const last = identity.seq + SEQ_BLOCK;
      await this.db.meta.put({ key: 'device', value: { id: identity.id, seq: last } satisfies DeviceIdentity });
      this.#seqs = { next: identity.seq + 1, last };
    }
    return this.#seqs.next++;
  }

  #tellEntries(day: string, entries: readonly Entry[] | null): void {
    for (const l of this.#entryListeners) {
      try {
        l(day, entries);
      } catch (error) {
        console.warn('an entries listener failed', error);
      }
    }
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `mutate` inside one strict rw transaction, capturing the doc's update and the
   * index rows of what became visible, and writing them in that same transaction.
   */
  async #write(docName: string, doc: Y.Doc, mutate: () => Promise<void>): Promise<void> {
    const updates: Uint8Array[] = [];
    let origin: unknown = ORIGIN_LOCAL;
    let stored: Uint8Array | null = null;
    const visibleEntries = new Set<string>();
    // Keys new to the doc, for its digest; anything else (a key set again) means recount.
    const added: string[] = [];
    let recount = false;
    const onUpdate = (u: Uint8Array, from: unknown) => {
      if (from === ORIGIN_LOAD) return;
      updates.push(u);
      origin = from;
    };
    const onEntries = (e: Y.YMapEvent<unknown>) =>
      e.changes.keys.forEach((change, k) => {
        visibleEntries.add(k);
        if (change.action === 'add') added.push(k);
        else recount = true;
      });
    const isSite = docName === SITE_DOC;
    doc.on('update', onUpdate);
    if (!isSite) entriesOf(doc).observe(onEntries);
    const { db } = this;
    // After a full disk Chromium may close the database, and Dexie's own reopening can fail
    // while the disk is still full; once space is freed, the next scan opens it again.
    if (!db.isOpen()) await db.open().catch((error: unknown) => console.warn('database not reopened', error));
    let rows: EntryRow[] = [];
    let digest: Digest | undefined;
    try {
      await db.transaction('rw', [db.updates, db.entries, db.meta], async () => {
        await mutate();
        if (updates.length === 0) return;
        // One row per write: several updates of one transaction are merged (a handful, not
        // the quadratic many-row case).
        stored = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
        if (!isSite) {
          rows = entryRows(doc, docName.slice(4), visibleEntries);
          const known = recount ? undefined : this.#digests.get(docName);
          digest = known ? added.reduce(addToDigest, known) : digestOf(entriesOf(doc).keys());
        }
        // Sent together, not one after the other: each await is a round trip to the
        // database, and a scan's verdict waits for all of them (tests/bench). The day's
        // state vector and digest are stored beside its update, so that neither needs the
        // day loaded or its index read again (sync, adverts).
        await Promise.all([
          db.updates.add({ doc: docName, data: stored }),
          isSite ? null : db.meta.bulkPut([{ key: svKey(docName), value: Y.encodeStateVector(doc) }, { key: digestKey(docName), value: digest }]),
          rows.length > 0 ? db.entries.bulkPut(rows) : null
        ]);
      });
    } catch (cause) {
      // A block of sequence numbers reserved in the failed transaction was never stored.
      this.#seqs = null;
      this.#digests.delete(docName);
      await this.#reload(docName);
      throw toWriteError(cause);
    } finally {
      doc.off('update', onUpdate);
      if (!isSite) entriesOf(doc).unobserve(onEntries);
    }
    if (!stored) return;
    if (digest) this.#digests.set(docName, digest);
    // The origin of the change (ORIGIN_LOCAL, or whoever called applyUpdate), so a sync
    // session can tell its own peer's updates from the ones it must pass on.
    for (const l of this.#persisted) l(docName, stored, origin);
    if (rows.length > 0) this.#tellEntries(docName.slice(4), rows);
    const logRows = (this.#rowsSinceCompaction.get(docName) ?? 0) + 1;
    this.#rowsSinceCompaction.set(docName, logRows);
    if (logRows >= COMPACT_AFTER_ROWS) {
      this.#rowsSinceCompaction.set(docName, 0);
      void this.compact(docName).catch((e) => console.warn('compaction failed; the log stays as it is', e));
    }
  }

  /** Throws away a doc whose in-memory state may be ahead of the disk, and reloads it. */
  async #reload(docName: string): Promise<void> {
    const fresh = await loadDoc(this.db, docName).catch(() => new Y.Doc());
    if (docName === SITE_DOC) {
      const stale = this.#siteDoc;
      this.#siteDoc = fresh;
      stale.destroy();
    } else {
      this.#days.get(docName)?.destroy();
      this.#days.set(docName, fresh);
    }
  }

  async #compact(docName: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.updates, async () => {
      const rows = await db.updates.where('doc').equals(docName).toArray();
      if (rows.length < 2) return;
      const doc = new Y.Doc();
      Y.transact(doc, () => rows.forEach((r) => Y.applyUpdate(doc, r.data)), ORIGIN_LOAD);
      const data = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      await db.updates.bulkDelete(rows.map((r) => r.seq!));
      await db.updates.add({ doc: docName, data });
    });
  }

  async #ensureConfig(): Promise<void> {
    const c = configOf(this.siteDoc);
    if (c.has('name')) return;
    await this.#enqueue(() =>
      this.#write(SITE_DOC, this.siteDoc, async () => {
        this.siteDoc.transact(() => {
          c.set('id', this.site.id);
          c.set('name', this.site.name);
          c.set('timeZone', this.site.timeZone);
          c.set('createdAt', this.site.createdAt);
        }, ORIGIN_LOCAL);
      })
    );
  }
}

function toWriteError(cause: unknown): LedgerWriteError {
  const name = (cause as { name?: string; inner?: { name?: string } })?.name ?? '';
  const inner = (cause as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError' || cause instanceof Dexie.QuotaExceededError) {
    return new LedgerWriteError('quota', { cause });
  }
  if (cause instanceof Dexie.DatabaseClosedError) return new LedgerWriteError('closed', { cause });
  return new LedgerWriteError('failed', { cause });
}

function isDigest(value: unknown): value is Digest {
  const d = value as Digest | null;
  return typeof d === 'object' && d !== null && [d.count, d.a, d.b].every((n) => Number.isInteger(n) && n >= 0);
}
