/**
 * The ledger: the bridge between the site's Y.Docs and its Dexie database, and the only
 * holder of that database. Callers ask the `Ledger`; nothing outside src/lib/ledger reads
 * or writes a table (lint keeps it so), which keeps the index something the ledger derives.
 *
 * It is split by job, so that the one invariant (the log and the index rows derived from it
 * written in one transaction) is kept in one file, and each cache can be read on its own:
 *
 * - write-path.ts: every write (record, applyUpdate, changeSite, absorb), the serial lane,
 *   the listeners; the algorithm is in its header. `Ledger` extends it.
 * - ledger.ts (here): opening a site, the reads callers make of docs, vectors and digests,
 *   the domain's verbs on the site doc, and the check of a day's index.
 * - day-docs.ts: the day docs in memory (a few past days at most) and state vectors.
 * - digest-cache.ts: each day's digest, kept current by every write.
 * - identity.ts: this tablet's device id and its sequence numbers, reserved in blocks.
 * - site-doc.ts: what the site doc says and the changes the domain makes to it, as plain
 *   functions over a doc; the Ledger's verbs below are one line each over `changeSite`.
 * - update-log.ts, index-rows.ts: loading and compacting the log; deriving and checking
 *   the index rows.
 * - reads.ts, tablet-meta.ts: the screens' queries over the index rows; this tablet's own
 *   remembered settings.
 */
import * as Y from 'yjs';
import type { Digest } from '$lib/core/digest';
import { validateRound, type Round } from '$lib/core/round';
import type { Entry, Person, Site, StationKind } from '$lib/core/types';
import { SiteDb } from './site-db';
import { LedgerReads } from './reads';
import { TabletMeta } from './tablet-meta';
import { SITE_DOC, dayDocName, isDayDoc } from './docs';
import { deviceIdOf } from './identity';
import {
  addPeople,
  configIn,
  devicesIn,
  hasConfig,
  passTrustIn,
  peopleIn,
  policyIn,
  putDevice,
  putPassKey,
  putRevocation,
  putRound,
  revocationsIn,
  roundsIn,
  unreadableChange,
  writeConfig,
  writePolicy,
  type DeviceInfo,
  type PassTrust
} from './site-doc';
import { decodeRevocation, decodeStoredPassKey, type Revocation, type StoredPassKey } from '$lib/core/pass-trust-codec';
import type { GatePolicy, PolicyChange } from '$lib/core/gate-policy';
import { loadDoc, loggedDocNames } from './update-log';
import { checkDayIndex } from './index-rows';
import { WritePath, type EntryDraft } from './write-path';

export { ORIGIN_LOAD, loadDoc } from './update-log';
export { PAST_DAYS_IN_MEMORY } from './day-docs';
export { SEQ_BLOCK } from './identity';
export { LedgerWriteError } from './write-error';
export { COMPACT_AFTER_ROWS, ORIGIN_LOCAL, ORIGIN_TAB, type EntryDraft } from './write-path';

/** The User Timing mark set once today's doc is loaded and its index checked after opening. */
export const TODAY_READY_MARK = 'bastion:today-ready';

export interface LedgerOptions {
  now?: () => number;
  randomBytes?: (n: number) => Uint8Array;
}

export class Ledger extends WritePath {
  /** What the screens ask of the index rows. */
  readonly reads: LedgerReads;
  /** What this tablet remembers of its own work at the site (never synced). */
  readonly tablet: TabletMeta;

  private constructor(db: SiteDb, site: Site, deviceId: string, siteDoc: Y.Doc, opts: LedgerOptions) {
    super(db, site, deviceId, siteDoc, opts.now ?? (() => Date.now()));
    this.reads = new LedgerReads(db);
    this.tablet = new TabletMeta(db);
  }

  /** Opens the ledger of `site` on the site's own database (how the app opens a site). */
  static openSite(site: Site, opts: LedgerOptions = {}): Promise<Ledger> {
    return Ledger.open(new SiteDb(site.id), site, opts);
  }

  /**
   * Opens a site's ledger on `db`: loads the site doc; then, in the write lane, today's doc
   * and the check of its index rows against it (`settled()` waits for them).
   */
  static async open(db: SiteDb, site: Site, opts: LedgerOptions = {}): Promise<Ledger> {
    const deviceId = await deviceIdOf(db, opts.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n))));
    const ledger = new Ledger(db, site, deviceId, await loadDoc(db, SITE_DOC), opts);
    if (!hasConfig(ledger.siteDoc)) await ledger.changeSite((doc) => writeConfig(doc, site));
    // Today's doc (~0.5 s for a day of 40,000 entries) and the check of its index rows run
    // in the write lane after the site opened: a scan's write waits behind them, the
    // screen does not (tests/bench, cold start).
    void ledger.verifyIndex(dayDocName(ledger.today())).then(
      () => performance.mark(TODAY_READY_MARK),
      (error: unknown) => console.warn("today's index was not checked", error)
    );
    return ledger;
  }

  // ---- docs, vectors, digests (day-docs.ts, digest-cache.ts) -------------------------

  /** The doc of a day, loaded from the log on first use. */
  dayDoc(day: string): Promise<Y.Doc> {
    return this.days.get(day);
  }

  /** The doc of a day if it is in memory already (never loads one). */
  loadedDayDoc(day: string): Y.Doc | undefined {
    return this.days.loaded(dayDocName(day));
  }

  /**
   * What this tablet holds of a doc, as a Yjs state vector, without loading a past day:
   * every write stores the doc's vector beside its update, in the same transaction.
   */
  async stateVector(docName: string): Promise<Uint8Array> {
    if (docName === SITE_DOC) return Y.encodeStateVector(this.siteDoc);
    return this.days.stateVector(docName);
  }

  /**
   * The digest of a day's entry ids (core/digest.ts) without loading the day: as stored
   * with its last write; from the day's index keys for days stored before digests were.
   */
  dayDigest(day: string): Promise<Digest> {
    return this.digests.of(day);
  }

  /** The names of every doc this tablet holds on disk (site and days). */
  docNames(): Promise<string[]> {
    return loggedDocNames(this.db);
  }

  // ---- the site doc (site-doc.ts) ------------------------------------------------------

  /**
   * Adds (or replaces) people on the roster: one Yjs transaction, one IndexedDB
   * transaction, so an import is all or nothing.
   */
  importPeople(people: readonly Person[]): Promise<void> {
    return this.changeSite((doc) => addPeople(doc, people));
  }

  /**
   * Says in the site doc what this tablet is called and which station it serves, so the
   * other tablets can name it. Writes only when something changed.
   */
  registerDevice(name: string, station: StationKind): Promise<void> {
    return this.changeSite((doc) => putDevice(doc, this.deviceId, name, station));
  }

  /**
   * Opens, changes or closes a round (a supervisor's act). The round is checked first; a
   * round that fails the check is a programmer error here (forms validate before calling).
   */
  saveRound(round: Round): Promise<void> {
    const check = validateRound(round);
    if (!check.ok) return Promise.reject(new RangeError(`invalid round: ${check.problems.join(', ')}`));
    return this.changeSite((doc) => putRound(doc, check.round));
  }

  /** The site's rounds, newest first. */
  rounds(): Round[] {
    return roundsIn(this.siteDoc);
  }

  /** The tablets the site doc knows: id → name and station. */
  devices(): Map<string, DeviceInfo> {
    return devicesIn(this.siteDoc);
  }

  /** Site name and zone as the site doc says (the doc is the truth once it has them). */
  get config(): { name: string; timeZone: string } {
    return configIn(this.siteDoc, this.site);
  }

  /** All roster people as the site doc holds them. */
  people(): Person[] {
    return peopleIn(this.siteDoc);
  }

  /** The gate policy as the site doc says (core/gate-policy.ts). */
  policy(): GatePolicy {
    return policyIn(this.siteDoc);
  }

  /**
   * Changes the gate policy (a supervisor's act: the caller checks the PIN) and resolves
   * with the changes the doc did not already hold, durable: the caller records a `policy`
   * entry for each (gate/policy.ts `policyEntryFields`). A change no tablet could read back
   * rejects with a RangeError, nothing written.
   */
  async changePolicy(changes: readonly PolicyChange[]): Promise<PolicyChange[]> {
    const bad = unreadableChange(changes);
    if (bad) throw new RangeError(`invalid policy change ${bad}`);
    let written: PolicyChange[] = [];
    await this.changeSite((doc) => (written = writePolicy(doc, changes)).length > 0);
    return written;
  }

  /**
   * As changePolicy, and records an entry for each change written (`entryOf` makes it:
   * gate/policy.ts `policyEntryFields` with the staff and station) in the same IndexedDB
   * transaction, so a crash leaves the change and its record both or neither. Resolves with
   * the entries, durable; none when the doc already held every change.
   */
  changePolicyRecorded(changes: readonly PolicyChange[], entryOf: (change: PolicyChange) => Omit<EntryDraft, 'at'>): Promise<Entry[]> {
    const bad = unreadableChange(changes);
    if (bad) return Promise.reject(new RangeError(`invalid policy change ${bad}`));
    return this.changeSiteRecording((doc) => writePolicy(doc, changes).map(entryOf));
  }

  /** The site's pass trust list and root as the site doc holds them (gate/passes/trust-list.ts judges them). */
  passTrust(): PassTrust {
    return passTrustIn(this.siteDoc);
  }

  /**
   * Puts a pass key into the trust list (the issuing tablet's act: it certified the key). A
   * RangeError, nothing written, for a key no tablet could read back: checked before the
   * write, which would otherwise fail as a disk error and reload the site doc.
   */
  async putPassKey(kid: string, key: StoredPassKey): Promise<void> {
    if (!decodeStoredPassKey(kid, key)) throw new RangeError(`not a storable pass key ${kid.slice(0, 40)}`);
    await this.changeSite((doc) => putPassKey(doc, kid, key));
  }

  /** The revoked passes, by pass id. */
  revocations(): Map<string, Revocation> {
    return revocationsIn(this.siteDoc);
  }

  /**
   * Revokes a pass (a supervisor's act: the caller checks the PIN), durable when it resolves;
   * a pass revoked already keeps its first revocation. A RangeError, nothing written, for one
   * no tablet could read back (as `putPassKey`).
   */
  async revokePass(passId: string, revocation: Revocation): Promise<void> {
    if (!decodeRevocation(passId, revocation)) throw new RangeError(`not a storable revocation ${passId.slice(0, 40)}`);
    await this.changeSite((doc) => putRevocation(doc, passId, revocation));
  }

  // ---- upkeep (index-rows.ts) --------------------------------------------------------

  /**
   * Checks a doc's index rows and stored digest against the doc and rebuilds them where they
   * disagree (a crash between schema versions, a bug, a hand-edited database, rows another
   * tab wrote). Returns whether the rows had to be rebuilt.
   *
   * The doc is read from disk in the same transaction as the rows, never taken from memory:
   * another tab of this tablet may have stored entries this tab has not absorbed yet, and a
   * check against the older doc would delete their rows. The doc read is kept in memory if
   * the day was not loaded yet.
   */
  verifyIndex(docName: string): Promise<boolean> {
    return this.lane.run(async () => {
      if (!isDayDoc(docName)) return false;
      const { doc, digest, rebuilt, redigested } = await checkDayIndex(this.db, docName);
      this.days.adopt(docName, doc);
      this.digests.remember(docName, digest);
      // Listeners re-read the day and adverts the digest: both changed if either was rebuilt.
      if (rebuilt || redigested) this.tellEntries(docName.slice(4), null);
      return rebuilt;
    });
  }

  /** Destroys the ledger and closes its database (tests and tools; the app keeps it open). */
  close(): void {
    this.destroy();
    this.db.close();
  }
}
