/**
 * The recorder station (录入员): scan a tube label to open it, scan people into it, seal it.
 *
 * The scan path follows the gate's: the one intake (scan/intake.ts: clean, classify, drop a
 * repeat of the same code within seconds into the same tube) → the tube flow (tube-flow.ts: judge against the
 * round's tubes read afresh → record an accepted verdict durably) → only then show it and
 * sound it. Steps run one at a time in the station's lane. A refusal or an amber verdict
 * records nothing: the tube and the person are as they were.
 */
import { openTubeOf, type StaleTube, type TubeState } from '$lib/sampling/tube';
import type { Round } from '$lib/core/round';
import type { ReswabReason, VoidReason } from '$lib/core/types';
import { ScanIntake } from '$lib/scan/intake';
import type { ScannedCode } from '$lib/scan/scanned-code';
import type { StationContext } from '$lib/site/station-context';
import { StationFront, toneOfKind, type Failed } from '$lib/ui/station-front.svelte';
import { RoundTubes } from './round-tubes.svelte';
import { TubeFlow, type TubeOutcome, type TubeReason } from './tube-flow';

/** Why the recorder refused: the tube rules' reasons, another site's code, a code too long. */
export type RecorderReason = TubeReason;

/** What the recorder's panel shows after an action. */
export type RecorderShown = TubeOutcome | Failed;

export class RecorderStation {
  readonly #front = new StationFront<TubeOutcome>((s) => toneOfKind(s.kind));
  readonly #intake: ScanIntake;
  readonly #flow: TubeFlow;
  readonly tubes: RoundTubes;

  constructor(
    private readonly ctx: StationContext,
    round: Round
  ) {
    this.#intake = new ScanIntake(ctx.siteId);
    this.#flow = new TubeFlow(ctx, round, 'recorder');
    this.tubes = new RoundTubes(ctx, round);
  }

  get shown(): RecorderShown | null {
    return this.#front.shown;
  }
  get busy() {
    return this.#front.busy;
  }
  get round() {
    return this.tubes.round;
  }
  /** The tube this tablet is filling, if any. */
  get openTube(): TubeState | undefined {
    const book = this.tubes.book;
    return book && openTubeOf(book, this.ctx.device);
  }
  /** Sealed tubes of the round waiting too long for a box (see RoundTubes). */
  get stale(): StaleTube[] {
    return this.tubes.stale;
  }

  /** Handles one scanned code from any source: a tube label or a person (repeats: TubeFlow.lastOpened). */
  scan(code: ScannedCode): Promise<void> {
    const taken = this.#intake.take(code, '', this.#flow.lastOpened);
    if (taken.kind === 'ignored') return Promise.resolve();
    return this.#step(() => this.#flow.scan(taken));
  }

  /** Puts a person into the open tube; with `again`, a re-swab of someone already sampled. */
  sample(person: string, again?: ReswabReason): Promise<void> {
    return this.#step(() => this.#flow.sample(person, again));
  }

  /** Seals the open tube (封管). */
  seal(): Promise<void> {
    return this.#step(() => this.#flow.seal());
  }

  /** Voids the last person of the open tube (or its opening, when empty). False: wrong PIN. */
  async undo(reason: VoidReason, pin: string): Promise<boolean> {
    if (!(await this.ctx.checkPin(pin))) return false;
    await this.#step(() => this.#flow.undo(reason));
    return true;
  }

  #step(step: () => Promise<TubeOutcome>): Promise<void> {
    return this.#front.run(async () => this.#front.show(await step()));
  }

  destroy() {
    this.tubes.destroy();
  }
}
