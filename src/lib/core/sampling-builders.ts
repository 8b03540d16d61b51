/**
 * Builders for the sampling point's tests and demo: a round, and a simulated tablet that
 * records sampling entries the way the ledger would (ids `device:seq`, its own clock), so a
 * test says what happened (open, sample, seal, box) rather than spelling out literals.
 */
import { makeEntry } from './builders';
import { formatEntryId } from './entry-id';
import type { Round } from './round';
import type { Entry, Outcome, Reason, StationKind } from './types';

export function makeRound(overrides: Partial<Round> = {}): Round {
  return {
    id: 'rnd3',
    name: '第3轮',
    date: '2026-11-22',
    pooling: 10,
    stickerColour: 'blue',
    openedAt: Date.UTC(2026, 10, 22, 0, 0, 0),
    ...overrides
  };
}

/** One tablet's recording: every call appends an entry with the next id and a later time. */
export class TabletRecorder {
  readonly entries: Entry[] = [];
  #seq = 0;
  #at: number;

  constructor(
    readonly device: string,
    readonly round: Pick<Round, 'id'>,
    readonly station: StationKind = 'recorder',
    start = Date.UTC(2026, 10, 22, 1, 0, 0),
    /** Milliseconds between two entries (a test may make the clock stutter with 0). */
    readonly step = 12_000
  ) {
    this.#at = start;
  }

  /** Records an entry of this tablet in the round. */
  record(fields: Partial<Entry>): Entry {
    this.#seq++;
    const e = makeEntry({ id: formatEntryId(this.device, this.#seq), device: this.device, station: this.station, staff: '李四', at: this.#at, round: this.round.id, ...fields });
    delete e.direction;
    if (fields.direction) e.direction = fields.direction;
    this.#at += this.step;
    this.entries.push(e);
    return e;
  }

  open(tube: string): Entry {
    return this.record({ kind: 'tube-open', subject: tube, tube });
  }

  sample(person: string, tube: string, reason?: Reason): Entry {
    return this.record(reason ? { kind: 'sample', subject: person, tube, reason } : { kind: 'sample', subject: person, tube });
  }

  seal(tube: string): Entry {
    return this.record({ kind: 'tube-seal', subject: tube, tube });
  }

  boxAdd(box: string, tube: string): Entry {
    return this.record({ kind: 'box-add', subject: box, tube });
  }

  boxSeal(box: string): Entry {
    return this.record({ kind: 'box-seal', subject: box });
  }

  checkIn(person: string): Entry {
    return this.record({ kind: 'check-in', subject: person });
  }

  sticker(person: string): Entry {
    return this.record({ kind: 'sticker', subject: person });
  }

  result(tube: string, outcome: Outcome): Entry {
    return this.record({ kind: 'tube-result', subject: tube, tube, outcome });
  }

  trace(person: string, tube: string, outcome: Outcome): Entry {
    return this.record({ kind: 'trace', subject: person, tube, outcome });
  }

  void(entry: Entry, reason: Reason = 'scanned-by-mistake'): Entry {
    const fields: Partial<Entry> = { kind: 'void', subject: entry.subject, voids: entry.id, reason };
    if (entry.tube) fields.tube = entry.tube;
    return this.record(fields);
  }
}
