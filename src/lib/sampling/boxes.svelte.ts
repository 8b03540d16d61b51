/**
 * Transport boxes (转运箱) at the recorder: scan a box's label to pick it, then scan sealed
 * tubes into it, then seal it. The recorder's path: the one intake (drop a repeat within
 * seconds) → judge against the round's tubes read afresh (tube-flow.ts) → record an accepted
 * verdict durably → only then show it. Steps run one at a time in the desk's lane, so a tube
 * scanned right after a box label goes into that box.
 */
import { isLabelCode, judgeBoxAdd, judgeBoxSeal } from '$lib/sampling/tube-rules';
import type { Round } from '$lib/core/round';
import { ScanIntake } from '$lib/scan/intake';
import type { ScannedCode } from '$lib/scan/scanned-code';
import type { StationContext } from '$lib/site/station-context';
import { StationFront, toneOfKind, type Failed } from '$lib/ui/station-front.svelte';
import { RoundTubes } from './round-tubes.svelte';
import { boxManifest, type BoxManifest } from './manifest';
import { TubeFlow, type Declined } from './tube-flow';

type BoxOutcome = { kind: 'picked'; box: string } | { kind: 'added'; tube: string } | { kind: 'sealed'; box: string } | Declined;
export type BoxShown = BoxOutcome | Failed;

// A label nobody issued is shown back, cut short.
const SHOWN_CODE = 64;

export class BoxStation {
  #box = $state<string | null>(null);
  readonly #front = new StationFront<BoxOutcome>((s) => toneOfKind(s.kind));
  readonly #intake: ScanIntake;
  // Boxes are packed at the recorder: their entries name that station.
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

  /** The box being filled or viewed. */
  get box() {
    return this.#box;
  }
  get shown(): BoxShown | null {
    return this.#front.shown;
  }
  get busy() {
    return this.#front.busy;
  }
  get manifest(): BoxManifest | undefined {
    const book = this.tubes.book;
    return book && this.#box ? boxManifest(book, this.#box, (id) => this.ctx.person(id)) : undefined;
  }

  /** A box label picks the box; once one is picked, a tube label goes into it. */
  scan(code: ScannedCode): Promise<void> {
    const taken = this.#intake.take(code);
    if (taken.kind === 'ignored') return Promise.resolve();
    return this.#front.run(async () => {
      // A code this long is noise or an attack: never a box, never a tube.
      if (taken.kind === 'too-long') return this.#front.show({ kind: 'refused', reason: 'too-long' });
      const { text } = taken;
      const box = this.#box;
      if (!isLabelCode(text)) return this.#front.show({ kind: 'refused', reason: box ? 'bad-tube-code' : 'bad-box-code', code: text.slice(0, SHOWN_CODE) });
      if (text === box) return;
      if (!box) return this.#pick(text);
      this.#front.show(await this.#flow.settle((book) => judgeBoxAdd(book, box, text), () => ({ kind: 'added', tube: text })));
    });
  }

  /** Seals the box being filled. */
  seal(): Promise<void> {
    return this.#front.run(async () => {
      const box = this.#box;
      if (!box) return;
      this.#front.show(await this.#flow.settle((book) => judgeBoxSeal(book, box), () => ({ kind: 'sealed', box })));
    });
  }

  /** Puts the box down: the next label scanned picks a box again. */
  done() {
    this.#box = null;
    this.#front.update(null);
  }

  async #pick(text: string) {
    // A tube's barcode is not a box: scanning one before any box is a mistake.
    if ((await this.#flow.book()).tubes.has(text)) return this.#front.show({ kind: 'refused', reason: 'bad-box-code', code: text });
    this.#box = text;
    this.#front.show({ kind: 'picked', box: text });
  }

  destroy() {
    this.tubes.destroy();
  }
}
