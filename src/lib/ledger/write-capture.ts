/**
 * What one write did to one doc, gathered while the write's transaction runs (write-path.ts):
 * the doc's Yjs updates and their origin and, for a day doc, the entry keys that became
 * visible (its index rows) and which of them are new to the day (its digest). A write that
 * touches two docs (a policy change and the entries recording it) keeps one capture each.
 */
import type * as Y from 'yjs';
import type { Digest } from '$lib/core/digest';
import type { EntryRow } from './site-db';
import { SITE_DOC, entriesOf } from './docs';
import { ORIGIN_LOAD } from './update-log';

export class DocCapture {
  readonly isSite: boolean;
  readonly updates: Uint8Array[] = [];
  origin: unknown;
  /** Entry keys set in the day by this write. */
  readonly visible = new Set<string>();
  /** Keys new to the day, for its digest; anything else (a key set again) means recount. */
  readonly added: string[] = [];
  recount = false;
  /** What the transaction stored: the update row, and a day's index rows and digest. */
  stored: Uint8Array | null = null;
  rows: EntryRow[] = [];
  digest: Digest | undefined;

  readonly #onUpdate = (u: Uint8Array, from: unknown) => {
    if (from === ORIGIN_LOAD) return;
    this.updates.push(u);
    this.origin = from;
  };
  readonly #onEntries = (e: Y.YMapEvent<unknown>) =>
    e.changes.keys.forEach((change, k) => {
      this.visible.add(k);
      if (change.action === 'add') this.added.push(k);
      else this.recount = true;
    });

  constructor(
    readonly docName: string,
    readonly doc: Y.Doc,
    origin: unknown
  ) {
    this.isSite = docName === SITE_DOC;
    this.origin = origin;
    doc.on('update', this.#onUpdate);
    if (!this.isSite) entriesOf(doc).observe(this.#onEntries);
  }

  /** The day of a day doc's name (`day:YYYY-MM-DD`). */
  get day(): string {
    return this.docName.slice(4);
  }

  detach(): void {
    this.doc.off('update', this.#onUpdate);
    if (!this.isSite) entriesOf(this.doc).unobserve(this.#onEntries);
  }
}
