/**
 * The policy changes for the tally screen: every `policy` entry (who, on which tablet, when,
 * what), newest first by the clock. The site doc holds the policy; these entries are its
 * history, so a change is listed even where a later one replaced it.
 */
import { byTimeThenId, voidedIds } from '$lib/core/entries';
import type { PolicyChange } from '$lib/core/gate-policy';
import { decodePolicyField } from '$lib/core/gate-policy-codec';
import type { Entry } from '$lib/core/types';

export interface PolicyLogRow {
  /** Staff, device, station and time of the change. */
  entry: Entry;
  /** What changed; null for a field this version cannot read (a newer tablet's). */
  change: PolicyChange | null;
}

/** The policy changes among `entries` (any order, any kinds, each id once), newest first. */
export function policyLog(entries: Iterable<Entry>): PolicyLogRow[] {
  const unique = new Map<string, Entry>();
  for (const e of entries) unique.set(e.id, e);
  const voided = voidedIds(unique.values());
  const rows: PolicyLogRow[] = [];
  for (const e of unique.values()) {
    if (e.kind === 'policy' && !voided.has(e.id)) rows.push({ entry: e, change: decodePolicyField(e.subject, e.note ?? '') });
  }
  return rows.sort((a, b) => byTimeThenId(b.entry, a.entry));
}
