/**
 * The door-to-door team (上门采样): the missing people of the team's buildings, special groups
 * first, with what the last visit found; and the team's own tube, filled by the recorder's
 * rules (judgeTubeScan → judgeSample → judgeSeal) at station `homeVisit`, so coverage counts
 * a home sample like any other.
 *
 * The team's buildings are remembered on the tablet (team-buildings.svelte.ts).
 *
 * The scan path is the gate's: classify → judge against the round's tubes as they are on disk
 * *now* (read fresh, not from the live query, which may lag a fast scanner) → record durably →
 * only then show the verdict. Scans run one at a time, in the order they came.
 */
import { parseCode } from '$lib/core/code';
import { missingList } from '$lib/supervise/coverage';
import { isRoundOpen } from '$lib/core/round';
import { openTubeOf, readTubes, type TubeState } from '$lib/sampling/tube';
import { isLabelCode, judgeSample, judgeSeal, judgeTubeScan, type RecorderVerdict, type SamplingDraft, type SamplingReason } from '$lib/sampling/tube-rules';
import type { Entry, Person, VisitOutcome } from '$lib/core/types';
import type { ScannedCode } from '$lib/scan/scanned-code';
import { describeError } from '$lib/ui/errors';
import { signal } from '$lib/scan/feedback';
import { RoundEntries } from './round-entries.svelte';
import { latestVisits, visitQueue } from './lists';
import { TeamBuildings } from './team-buildings.svelte';
import type { SiteSession } from '$lib/site/session.svelte';

/** Why the team's scan was refused: the recorder's reasons, and two of the team's own. */
export type VisitReason = SamplingReason | 'not-this-site' | 'not-a-code';

/** What the screen shows after a scan, a seal or a visit. */
export type VisitShown =
  | { kind: 'accepted'; what: 'tube-open' | 'sample' | 'tube-seal' | 'visit'; entry: Entry; person?: Person; count?: number; capacity?: number; full?: boolean }
  | { kind: 'duplicate' | 'refused'; reason: VisitReason; person?: Person }
  | { kind: 'error'; message: string };

const NO_VISITS: ReadonlyMap<string, Entry> = new Map();

export class VisitStation {
  readonly source: RoundEntries;
  readonly team: TeamBuildings;
  #shown = $state<VisitShown | null>(null);
  #queue: Promise<void> = Promise.resolve();
  #visits = $derived.by((): ReadonlyMap<string, Entry> => (this.source.round && this.source.entries ? latestVisits(this.source.entries, this.source.round) : NO_VISITS));
  #list = $derived.by((): Person[] | undefined => {
    const round = this.source.round;
    const entries = this.source.entries;
    return round && entries ? visitQueue(missingList(this.session.people, entries, round), this.team.chosen) : undefined;
  });
  #tube = $derived.by((): TubeState | undefined => {
    const round = this.source.round;
    const entries = this.source.entries;
    const ledger = this.session.ledger;
    return round && entries && ledger ? openTubeOf(readTubes(entries, round), ledger.deviceId) : undefined;
  });

  constructor(private readonly session: SiteSession) {
    this.source = new RoundEntries(session.stationContext()!);
    this.team = new TeamBuildings(session.ledger!.tablet);
    // A failed read leaves no building chosen, and says why.
    this.team.ready.catch((e: unknown) => this.#fail(e));
  }

  /** The round the team records into: only an open one. */
  get round() {
    const r = this.source.round;
    return r && isRoundOpen(r) && r.id === this.session.currentRound?.id ? r : undefined;
  }
  /** The team's buildings, as remembered on this tablet. */
  get buildings() {
    return this.team.chosen;
  }
  /** The team's list, special groups first; undefined while loading. */
  get list() {
    return this.#list;
  }
  /** person id → the latest visit entry. */
  get visits() {
    return this.#visits;
  }
  /** This tablet's open tube, if any. */
  get tube() {
    return this.#tube;
  }
  get shown() {
    return this.#shown;
  }

  /** Adds or removes one of the team's buildings; a failed save is shown. */
  toggleBuilding(b: string): Promise<void> {
    return this.team.toggle(b).catch((e: unknown) => this.#fail(e));
  }

  /** A tube label or a person's code, from any source. */
  scan(code: ScannedCode): Promise<void> {
    return this.#serial(() => this.#scan(code));
  }

  /** Seals this tablet's open tube (封管). */
  seal(): Promise<void> {
    return this.#serial(async () => {
      const round = this.round;
      if (!round) return;
      const book = readTubes(await this.session.ledger!.reads.roundEntries(round.id), round);
      await this.#apply(judgeSeal(book, this.session.ledger!.deviceId), 'tube-seal');
    });
  }

  /** Records what a visit found when it did not sample, with the team's note. */
  visit(person: Person, outcome: VisitOutcome, note: string): Promise<void> {
    return this.#serial(async () => {
      const round = this.round;
      if (!round) return;
      const text = note.trim().slice(0, 200);
      const entry = await this.session.ledger!.record({
        kind: 'visit',
        station: 'homeVisit',
        staff: this.session.staff,
        subject: person.id,
        verdict: 'accepted',
        round: round.id,
        outcome,
        ...(text ? { note: text } : {})
      });
      this.#shown = { kind: 'accepted', what: 'visit', entry, person };
      signal('accepted');
    });
  }

  async #scan(code: ScannedCode) {
    const round = this.round;
    const parsed = parseCode(code.text);
    if (!round || parsed.kind === 'empty') return;
    const ledger = this.session.ledger!;
    if (parsed.kind === 'person') {
      const person = this.session.person(parsed.personId);
      if (parsed.siteId !== ledger.site.id) return this.#refuse('not-this-site');
      const book = readTubes(await ledger.reads.roundEntries(round.id), round);
      const verdict = judgeSample(book, ledger.deviceId, parsed.personId);
      return this.#apply(verdict, 'sample', person, verdict.kind === 'accepted' ? verdict : undefined);
    }
    if (parsed.kind !== 'unknown' || !isLabelCode(parsed.text)) return this.#refuse('not-a-code');
    const book = readTubes(await ledger.reads.roundEntries(round.id), round);
    await this.#apply(judgeTubeScan(book, ledger.deviceId, parsed.text), 'tube-open');
  }

  async #apply(verdict: RecorderVerdict, what: 'tube-open' | 'sample' | 'tube-seal', person?: Person, fill?: { count: number; capacity: number; full: boolean }) {
    if (verdict.kind !== 'accepted') {
      this.#shown = { kind: verdict.kind, reason: verdict.reason, ...(person ? { person } : {}) };
      signal(verdict.kind);
      return;
    }
    const entry = await this.#record(verdict.draft);
    this.#shown = { kind: 'accepted', what, entry, ...(person ? { person } : {}), ...(fill ? { count: fill.count, capacity: fill.capacity, full: fill.full } : {}) };
    signal('accepted');
  }

  #record(draft: SamplingDraft): Promise<Entry> {
    return this.session.ledger!.record({ ...draft, station: 'homeVisit', staff: this.session.staff });
  }

  #refuse(reason: VisitReason) {
    this.#shown = { kind: 'refused', reason };
    signal('refused');
  }

  // One step at a time; a failed write is shown, never swallowed, and does not stop the next.
  #serial(step: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(step).catch((e: unknown) => this.#fail(e));
    return this.#queue;
  }

  #fail(e: unknown) {
    this.#shown = { kind: 'error', message: describeError(e) };
    signal('refused');
  }

  destroy() {
    this.source.destroy();
  }
}
