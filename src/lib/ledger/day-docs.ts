/**
 * The day docs this tab holds in memory, and what it holds of every day as a Yjs state
 * vector without loading it.
 *
 * - A day is loaded from the log on first use and kept, most recently used last; past days
 *   beyond PAST_DAYS_IN_MEMORY are dropped again (the disk has them all). A campaign is
 *   weeks of days and a day of a large site ~40,000 entries (~20 MB of heap): a tablet that
 *   helped a peer catch up on old days must not keep them all.
 * - Dropping runs in the ledger's write lane, so no write is holding a doc it drops.
 * - Every write stores its day's state vector beside its update (`svRow`, in the same
 *   transaction), so a peer asking what this tablet holds of a past day loads nothing.
 */
import * as Y from 'yjs';
import type { SerialLane } from '$lib/core/lane';
import { dayDocName } from './docs';
import type { MetaRow, SiteDb } from './site-db';
import { loadDoc } from './update-log';

/** Past days kept in memory besides today (see the header). */
export const PAST_DAYS_IN_MEMORY = 3;

const svKey = (docName: string) => `sv:${docName}`;

/** The meta row that stores a day doc's state vector beside its update. */
export const svRow = (docName: string, doc: Y.Doc): MetaRow => ({ key: svKey(docName), value: Y.encodeStateVector(doc) });

export class DayDocs {
  #docs = new Map<string, Y.Doc>();

  constructor(
    private readonly db: SiteDb,
    private readonly lane: SerialLane,
    private readonly today: () => string
  ) {}

  /** The doc of a day, loaded from the log on first use. */
  async get(day: string): Promise<Y.Doc> {
    const name = dayDocName(day);
    let doc = this.#docs.get(name);
    if (!doc) {
      doc = await loadDoc(this.db, name);
      // Another caller may have loaded it while we awaited.
      const again = this.#docs.get(name);
      if (again) {
        doc.destroy();
        return again;
      }
      this.#docs.set(name, doc);
      void this.lane.run(async () => this.#forgetOldDays());
    } else {
      // Most recently used last, for #forgetOldDays.
      this.#docs.delete(name);
      this.#docs.set(name, doc);
    }
    return doc;
  }

  /** The doc named `docName` if it is in memory already (never loads one). */
  loaded(docName: string): Y.Doc | undefined {
    return this.#docs.get(docName);
  }

  /** Keeps `doc`, read from disk, unless the day is in memory already (then it is dropped). */
  adopt(docName: string, doc: Y.Doc): void {
    if (this.#docs.has(docName)) doc.destroy();
    else this.#docs.set(docName, doc);
  }

  /** Puts `fresh` in place of the day's doc in memory (after a failed write). */
  replace(docName: string, fresh: Y.Doc): void {
    this.#docs.get(docName)?.destroy();
    this.#docs.set(docName, fresh);
  }

  /** What this tablet holds of a day doc, as a state vector, without loading a past day. */
  async stateVector(docName: string): Promise<Uint8Array> {
    const loaded = this.#docs.get(docName);
    if (loaded) return Y.encodeStateVector(loaded);
    const row = await this.db.meta.get(svKey(docName));
    if (row?.value instanceof Uint8Array) return row.value;
    return Y.encodeStateVector(await this.get(docName.slice(4))); // written before vectors were stored
  }

  destroy(): void {
    for (const d of this.#docs.values()) d.destroy();
    this.#docs.clear();
  }

  /** Drops past days beyond PAST_DAYS_IN_MEMORY from memory (least recently used first). */
  #forgetOldDays(): void {
    const today = dayDocName(this.today());
    const past = [...this.#docs.keys()].filter((n) => n !== today);
    for (const name of past.slice(0, Math.max(0, past.length - PAST_DAYS_IN_MEMORY))) this.#docs.delete(name);
  }
}
