/**
 * The door-to-door team (上门采样): the missing people of the team's buildings, special groups
 * first, with what the last visit found; and the team's own tube, filled through the
 * recorder's tube flow (sampling/tube-flow.ts) at station `homeVisit`, so coverage counts a
 * home sample like any other.
 *
 * The team's buildings are remembered on the tablet (team-buildings.svelte.ts).
 *
 * The scan path is the recorder's: the one intake (scan/intake.ts: the same code again within
 * seconds into the same tube is one event) → judge against the round's tubes as they are on disk *now* → record
 * durably → only then show the verdict. Steps run one at a time, in the order they came.
 */
import { missingList } from '$lib/supervise/coverage';
import { isRoundOpen, type Round } from '$lib/core/round';
import { openTubeOf, readTubes, type TubeState } from '$lib/sampling/tube';
import { TubeFlow, type Declined, type Opened, type Sampled, type Sealed, type TubeReason } from '$lib/sampling/tube-flow';
import type { Entry, Person, VisitOutcome } from '$lib/core/types';
import { ScanIntake } from '$lib/scan/intake';
import type { ScannedCode } from '$lib/scan/scanned-code';
import type { StationContext } from '$lib/site/station-context';
import { StationFront, toneOfKind, type Failed } from '$lib/ui/station-front.svelte';
import { RoundEntries } from './round-entries.svelte';
import { latestVisits, visitQueue } from './lists';
import { TeamBuildings } from './team-buildings.svelte';

/** Why the team's scan was refused: the recorder's reasons (see supervise-text.ts for its words). */
export type VisitReason = TubeReason;

type Outcome =
  | { kind: 'accepted'; what: 'tube-open' | 'sample' | 'tube-seal' | 'visit'; entry: Entry; person?: Person; count?: number; capacity?: number; full?: boolean }
  | { kind: 'duplicate' | 'refused'; reason: VisitReason; person?: Person };
/** What the screen shows after a scan, a seal or a visit. */
export type VisitShown = Outcome | Failed;

const NO_VISITS: ReadonlyMap<string, Entry> = new Map();
const NOTE_LENGTH = 200;

export class VisitStation {
  readonly source: RoundEntries;
  readonly #front = new StationFront<Outcome>((s) => toneOfKind(s.kind));
  readonly #intake: ScanIntake;
  #flow: TubeFlow | undefined;
  #visits = $derived.by((): ReadonlyMap<string, Entry> => (this.source.round && this.source.entries ? latestVisits(this.source.entries, this.source.round) : NO_VISITS));
  #list = $derived.by((): Person[] | undefined => {
    const round = this.source.round;
    const entries = this.source.entries;
    return round && entries ? visitQueue(missingList(this.ctx.people(), entries, round), this.team.chosen) : undefined;
  });
  #tube = $derived.by((): TubeState | undefined => {
    const round = this.source.round;
    const entries = this.source.entries;
    return round && entries ? openTubeOf(readTubes(entries, round), this.ctx.device) : undefined;
  });

  constructor(
    private readonly ctx: StationContext,
    readonly team: TeamBuildings = new TeamBuildings(ctx.tablet)
  ) {
    this.source = new RoundEntries(ctx);
    this.#intake = new ScanIntake(ctx.siteId);
    // A failed read leaves no building chosen, and says why.
    this.team.ready.catch((e: unknown) => this.#front.fail(e));
  }

  /** The round the team records into: only an open one. */
  get round() {
    const r = this.source.round;
    return r && isRoundOpen(r) && r.id === this.ctx.currentRound()?.id ? r : undefined;
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
  get shown(): VisitShown | null {
    return this.#front.shown;
  }
  get busy() {
    return this.#front.busy;
  }

  /** Adds or removes one of the team's buildings; a failed save is shown. */
  toggleBuilding(b: string): Promise<void> {
    return this.team.toggle(b).catch((e: unknown) => this.#front.fail(e));
  }

  /** A tube label or a person's code, from any source (repeats: TubeFlow.lastOpened). */
  scan(code: ScannedCode): Promise<void> {
    const taken = this.#intake.take(code, '', this.#flow?.lastOpened);
    if (taken.kind === 'ignored') return Promise.resolve();
    return this.#step((flow) => flow.scan(taken));
  }

  /** Seals this tablet's open tube (封管). */
  seal(): Promise<void> {
    return this.#step((flow) => flow.seal());
  }

  /** Records what a visit found when it did not sample, with the team's note. */
  visit(person: Person, outcome: VisitOutcome, note: string): Promise<void> {
    return this.#front.run(async () => {
      const round = this.round;
      if (!round) return;
      const text = note.trim().slice(0, NOTE_LENGTH);
      const fields = { kind: 'visit', station: 'homeVisit', subject: person.id, verdict: 'accepted', round: round.id, outcome } as const;
      const entry = await this.ctx.record({ ...fields, ...(text ? { note: text } : {}) });
      this.#front.show({ kind: 'accepted', what: 'visit', entry, person });
    });
  }

  // With no open round the team's scans and taps do nothing (the screen says so).
  #step(step: (flow: TubeFlow) => Promise<Opened | Sampled | Sealed | Declined>): Promise<void> {
    return this.#front.run(async () => {
      const round = this.round;
      if (round) this.#front.show(this.#said(await step(this.#flowOf(round))));
    });
  }

  #flowOf(round: Round): TubeFlow {
    if (this.#flow?.round.id !== round.id) this.#flow = new TubeFlow(this.ctx, round, 'homeVisit');
    return this.#flow;
  }

  // The tube flow's outcome in the team's words: a person by their roster entry.
  #said(o: Opened | Sampled | Sealed | Declined): Outcome {
    const person = 'person' in o && o.person ? this.ctx.person(o.person) : undefined;
    const who = person ? { person } : {};
    switch (o.kind) {
      case 'opened':
        return { kind: 'accepted', what: 'tube-open', entry: o.entry };
      case 'sealed':
        return { kind: 'accepted', what: 'tube-seal', entry: o.entry };
      case 'sampled':
        return { kind: 'accepted', what: 'sample', entry: o.entry, ...who, count: o.count, capacity: o.capacity, full: o.full };
      default:
        return { kind: o.kind, reason: o.reason, ...who };
    }
  }

  destroy() {
    this.source.destroy();
  }
}
