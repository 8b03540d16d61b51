/**
 * What a station does with a tube, once: the recorder (录入员) and the door-to-door team
 * (上门采样) bind people to tubes the same way, differing only in the station their entries
 * name (`recorder` or `homeVisit`), so coverage counts a home sample like any other.
 *
 *   scan (after the intake) ─▶ too long / other site / not a label ─▶ refused, nothing read
 *        │
 *        ▼
 *   read the round's tubes as they are on disk now (not the live view, which may lag a fast
 *   scanner) ─▶ judge (tube-rules.ts) ─▶ accepted: record the draft durably ─▶ outcome
 *                                      └▶ amber or refused: nothing recorded ─▶ outcome
 *
 * The caller runs each step in its station's serial lane (StationFront), so each step is
 * judged against what the one before it recorded: two quick wedge scans can never both put
 * the tenth person into a tube of ten. A failed read or write rejects; the lane shows it.
 */
import type { Round } from '$lib/core/round';
import type { Entry, ReswabReason, StationKind, VoidReason } from '$lib/core/types';
import type { Intake } from '$lib/scan/intake';
import type { StationContext } from '$lib/site/station-context';
import { openTubeOf, readTubes, type TubeBook } from './tube';
import { isLabelCode, judgeSample, judgeSeal, judgeTubeScan, judgeUndo, type RecorderVerdict, type SamplingDraft, type SamplingReason } from './tube-rules';

/** The stations that fill tubes. */
export type TubeStation = Extract<StationKind, 'recorder' | 'homeVisit'>;

/** Why a tube step was amber or refused: the tube rules' reasons and the intake's two. */
export type TubeReason = SamplingReason | 'other-site' | 'too-long';

/** Amber or red: nothing was recorded; the tube and the person are as they were. */
export type Declined = { kind: 'duplicate' | 'refused'; reason: TubeReason; person?: string; code?: string; earlier?: Entry[] };

export type Opened = { kind: 'opened'; tube: string; entry: Entry };
export type Sampled = { kind: 'sampled'; person: string; count: number; capacity: number; full: boolean; reswab?: ReswabReason; entry: Entry };
export type Sealed = { kind: 'sealed'; tube: string; count: number; entry: Entry };
/** `entry` is the entry undone (the void that undid it is in the ledger). */
export type Undone = { kind: 'undone'; entry: Entry };

/** What a tube step came to. */
export type TubeOutcome = Opened | Sampled | Sealed | Undone | Declined;

/** A scan the intake did not drop. */
export type TakenScan = Exclude<Intake, { kind: 'ignored' }>;

// A label nobody issued is shown back (cut short: it is hostile until proven otherwise).
const SHOWN_CODE = 64;

export class TubeFlow {
  #lastOpened = '';

  constructor(
    private readonly ctx: StationContext,
    readonly round: Round,
    readonly station: TubeStation
  ) {}

  /**
   * The tube this station opened last, as its own steps saw it (not the disk: it changes
   * the moment a step opens one). The stations key a person's code in the repeat filter by
   * it: the same person again within seconds into the same tube is one event, while a person
   * refused a moment ago ("scan a tube first") counts once a tube is open. Sealing leaves
   * it: a person still in view as their full tube is sealed stays one event.
   */
  get lastOpened(): string {
    return this.#lastOpened;
  }

  /** The round's tubes as they are on disk now. */
  async book(): Promise<TubeBook> {
    return readTubes(await this.ctx.entries.reads.roundEntries(this.round.id), this.round);
  }

  /** A scanned code: a tube label opens the tube, a person goes into it. */
  scan(taken: TakenScan): Promise<Opened | Sampled | Declined> {
    switch (taken.kind) {
      case 'too-long':
        return Promise.resolve({ kind: 'refused', reason: 'too-long' });
      case 'other-site':
        return Promise.resolve({ kind: 'refused', reason: 'other-site' });
      case 'person':
        return this.sample(taken.personId);
      case 'label':
        return this.open(taken.text);
    }
  }

  /** Opens the tube with this label on this tablet. */
  open(label: string): Promise<Opened | Declined> {
    if (!isLabelCode(label)) return Promise.resolve({ kind: 'refused', reason: 'bad-tube-code', code: label.slice(0, SHOWN_CODE) });
    return this.settle(
      (book) => judgeTubeScan(book, this.ctx.device, label),
      (_v, entry) => {
        this.#lastOpened = label;
        return { kind: 'opened', tube: label, entry };
      }
    );
  }

  /** Puts a person into this tablet's open tube; with `again`, a re-swab of someone already sampled. */
  sample(person: string, again?: ReswabReason): Promise<Sampled | Declined> {
    return this.settle(
      (book) => judgeSample(book, this.ctx.device, person, again),
      (v, entry) => ({ kind: 'sampled', person, count: v.count, capacity: v.capacity, full: v.full, ...(v.draft.reason ? { reswab: again } : {}), entry }),
      person
    );
  }

  /** Seals this tablet's open tube (封管). */
  seal(): Promise<Sealed | Declined> {
    let count = 0;
    return this.settle(
      (book) => {
        count = openTubeOf(book, this.ctx.device)?.samples.length ?? 0;
        return judgeSeal(book, this.ctx.device);
      },
      (v, entry) => ({ kind: 'sealed', tube: v.draft.subject, count, entry })
    );
  }

  /** Voids this tablet's last step in its open tube (the last person, or the opening). */
  undo(reason: VoidReason): Promise<Undone | Declined> {
    return this.settle(
      (book) => judgeUndo(book, this.ctx.device, reason),
      (v) => ({ kind: 'undone', entry: v.undoes })
    );
  }

  /**
   * The one path of every tube and box step: judge against the round's tubes read afresh,
   * record an accepted draft durably at this station, and only then say what happened.
   */
  async settle<E extends object, O>(
    judge: (book: TubeBook) => RecorderVerdict<E>,
    accepted: (verdict: { draft: SamplingDraft } & E, entry: Entry) => O,
    person?: string
  ): Promise<O | Declined> {
    const v = judge(await this.book());
    if (v.kind !== 'accepted') {
      return { kind: v.kind, reason: v.reason, ...(person ? { person } : {}), ...(v.kind === 'refused' && v.earlier ? { earlier: v.earlier } : {}) };
    }
    const entry = await this.ctx.record({ ...v.draft, station: this.station });
    return accepted(v, entry);
  }
}
