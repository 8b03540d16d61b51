/**
 * Reads what a handover needs from the index: the shift's days, the rounds its tubes belong
 * to (tube conflicts span a whole round), and the handovers recorded lately. The counting
 * is core's (handover.ts); this only gathers the entries. Runs inside a live query, so it
 * re-runs as entries arrive from this tablet or its peers.
 */
import { summarizeShift, type HandoverScope, type HandoverSummary } from '$lib/handover/rules';
import { dayDigests } from '$lib/handover/compare';
import { parseHandoverCode, type Acknowledged } from '$lib/handover/code';
import { MAX_HANDOVER_NOTE } from '$lib/core/entry-codec';
import { daysOf, isShiftWindow, shiftStart } from '$lib/handover/shift-window';
import type { TimeSpan } from '$lib/supervise/reconcile';
import type { Round } from '$lib/core/round';
import type { Entry } from '$lib/core/types';
import type { Ledger } from '$lib/ledger/ledger';

const DAY_MS = 24 * 3_600_000;

/** A handover entry with what its note says. */
export interface RecordedHandover {
  entry: Entry;
  summary: HandoverSummary;
  acknowledged: Acknowledged[];
}

/** The handovers recorded today and yesterday (any scope), newest first; unreadable notes left out. */
export async function recentHandovers(ledger: Ledger, now: number): Promise<RecordedHandover[]> {
  const rows = await ledger.reads.handoverRows(daysOf({ from: now - DAY_MS, to: now + 1 }, ledger.site.timeZone));
  const out: RecordedHandover[] = [];
  for (const { day: _day, ...entry } of rows) {
    const read = entry.note ? parseHandoverCode(entry.note, MAX_HANDOVER_NOTE) : null;
    if (read && read.summary.device === entry.device) out.push({ entry, ...read });
  }
  return out.sort((a, b) => b.entry.at - a.entry.at || (a.entry.id < b.entry.id ? 1 : -1));
}

/** The shift that is ending: from the scope's last handover (or the start of today) until now. */
export function defaultWindow(recorded: readonly RecordedHandover[], scope: HandoverScope, now: number, timeZone: string): TimeSpan {
  const ends = recorded.filter((r) => r.summary.scope === scope).map((r) => r.summary.window.to);
  return { from: shiftStart(ends, now, timeZone), to: now };
}

/** This tablet's summary of a shift; null when the window is not one a handover can cover. */
export async function loadSummary(ledger: Ledger, rounds: readonly Round[], scope: HandoverScope, window: TimeSpan): Promise<HandoverSummary | null> {
  if (!isShiftWindow(window)) return null;
  const days = daysOf(window, ledger.site.timeZone);
  const rows = await ledger.reads.daysRows(days);
  const context = new Map<string, Entry>(rows.map((r) => [r.id, r]));
  const touched = new Set<string>();
  for (const r of rows) if (r.round && r.at >= window.from && r.at < window.to) touched.add(r.round);
  for (const id of touched) for (const r of await ledger.reads.roundEntries(id)) context.set(r.id, r);
  return summarizeShift({ device: ledger.deviceId, scope, window, context: [...context.values()], rounds, days: dayDigests(rows, days) });
}
