/**
 * Removing a lost tablet (a supervisor's act). The removal is a value in the site doc, so
 * it reaches every tablet the way the roster does; from then on every tablet refuses the
 * removed tablet's entries past the last one the remover held (`upTo`), while the entries
 * it made before stay and are shown as from a removed tablet.
 */
import { parseEntryId } from '$lib/core/entry-id';
import { decodeRemoval, removedOf, type Removal } from './docs';
import type { Ledger } from './ledger';
import type * as Y from 'yjs';

/** Every removal the site doc holds: device id → removal. */
export function removalsOf(siteDoc: Y.Doc): Map<string, Removal> {
  const out = new Map<string, Removal>();
  removedOf(siteDoc).forEach((raw, device) => {
    const r = decodeRemoval(raw);
    if (r) out.set(device, r);
  });
  return out;
}

/** The highest sequence number of `device` among the entries this tablet holds (0: none). */
export async function lastSeqOf(ledger: Ledger, device: string): Promise<number> {
  // The sequence is base36, so compare numerically.
  let last = 0;
  for (const id of await ledger.reads.deviceEntryIds(device)) last = Math.max(last, parseEntryId(id)?.seq ?? 0);
  return last;
}

/**
 * Removes `device` from the site. A removal is never undone or moved: the first one stands
 * (a second supervisor removing the same tablet changes nothing).
 */
export async function removeDevice(ledger: Ledger, device: string, by: string, at: number): Promise<void> {
  if (device === ledger.deviceId) throw new RangeError('a tablet cannot remove itself');
  const upTo = await lastSeqOf(ledger, device);
  const removal: Removal = { at, upTo, by: by.slice(0, 40) };
  await ledger.changeSite((doc) => {
    if (removedOf(doc).has(device)) return false;
    removedOf(doc).set(device, removal);
  });
}
