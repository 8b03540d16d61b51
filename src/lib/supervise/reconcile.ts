/**
 * Reconciliation per tablet (and, given a time span, per shift): stickers handed out against
 * people sampled, tubes opened against sealed against boxed. Numbers that should agree and
 * do not point at a mistake: a sticker given to someone who left the queue, a tube left
 * open, a sealed tube that never reached a box.
 *
 * Counts accepted, unvoided entries of the round within the span; each tablet's row is keyed
 * by device and station (a tablet may change station mid-round). A pure function of the set
 * of entries: rows are sorted by device, then station.
 */
import { voidedIds } from '$lib/core/entries';
import type { Round } from '$lib/core/round';
import type { Entry, StationKind } from '$lib/core/types';

/** One tablet's work at one station in the round. */
export interface ReconciliationRow {
  device: string;
  station: StationKind;
  checkIns: number;
  stickers: number;
  /** sample entries (a re-swab is a second one) … */
  samples: number;
  /** … and the distinct people they sampled */
  peopleSampled: number;
  tubesOpened: number;
  tubesSealed: number;
  tubesBoxed: number;
  boxesSealed: number;
}

/** The rows, and the whole round (people counted once across tablets). */
export interface Reconciliation {
  rows: ReconciliationRow[];
  total: Omit<ReconciliationRow, 'device' | 'station'>;
}

/** A shift: entries with `from ≤ at < to`. */
export interface TimeSpan {
  from: number;
  to: number;
}

type Counted = 'checkIns' | 'stickers' | 'samples' | 'tubesOpened' | 'tubesSealed' | 'tubesBoxed' | 'boxesSealed';
const FIELD: Partial<Record<Entry['kind'], Counted>> = {
  'check-in': 'checkIns',
  sticker: 'stickers',
  sample: 'samples',
  'tube-open': 'tubesOpened',
  'tube-seal': 'tubesSealed',
  'box-add': 'tubesBoxed',
  'box-seal': 'boxesSealed'
};

const blank = () => ({ checkIns: 0, stickers: 0, samples: 0, peopleSampled: 0, tubesOpened: 0, tubesSealed: 0, tubesBoxed: 0, boxesSealed: 0 });

/** Reconciles the round's entries per tablet and station, optionally within one shift. */
export function reconcile(entries: Iterable<Entry>, round: Pick<Round, 'id'>, span?: TimeSpan): Reconciliation {
  const list = [...entries];
  const voided = voidedIds(list);
  const rows = new Map<string, { row: ReconciliationRow; people: Set<string> }>();
  const total = blank();
  const everyone = new Set<string>();
  for (const e of list) {
    const field = FIELD[e.kind];
    if (!field || e.round !== round.id || e.verdict !== 'accepted' || voided.has(e.id)) continue;
    if (span && (e.at < span.from || e.at >= span.to)) continue;
    const key = `${e.device}\u0000${e.station}`;
    let r = rows.get(key);
    if (!r) {
      r = { row: { device: e.device, station: e.station, ...blank() }, people: new Set() };
      rows.set(key, r);
    }
    r.row[field]++;
    total[field]++;
    if (e.kind === 'sample') {
      r.people.add(e.subject);
      everyone.add(e.subject);
    }
  }
  const out = [...rows.values()].map(({ row, people }) => ({ ...row, peopleSampled: people.size }));
  out.sort((a, b) => (a.device < b.device ? -1 : a.device > b.device ? 1 : a.station < b.station ? -1 : a.station > b.station ? 1 : 0));
  return { rows: out, total: { ...total, peopleSampled: everyone.size } };
}

/** Which counts of a row disagree, to be shown as needing a look. */
export interface Disagreements {
  /** Stickers handed out ≠ people sampled. */
  stickers: boolean;
  /** Tubes sealed ≠ tubes opened (a tube still open, or one sealed that another opened). */
  sealed: boolean;
  /** Tubes boxed ≠ tubes sealed. */
  boxed: boolean;
}

/**
 * Where a row's numbers disagree. One tablet's row is compared only with what that tablet
 * does itself: a guide's tablet hands out stickers and samples no one, so its stickers are
 * compared with people sampled only where it did both; tubes are boxed at whichever tablet
 * holds the box, so boxed against sealed is compared for the whole round (`whole`) only.
 */
export function disagreements(row: Reconciliation['total'], whole: boolean): Disagreements {
  return {
    stickers: row.stickers > 0 && (whole || row.peopleSampled > 0) && row.stickers !== row.peopleSampled,
    sealed: row.tubesSealed !== row.tubesOpened,
    boxed: whole && row.tubesBoxed !== row.tubesSealed
  };
}
