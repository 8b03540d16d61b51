/**
 * The recorder station (录入员): scan a tube label to open it, scan people into it, seal it.
 *
 * The scan path follows the gate's: clean and classify the code → drop a repeat of the same
 * code within seconds → judge (tube-rules.ts, against the round's tubes read afresh, one scan
 * at a time) → record an accepted verdict durably → only then show it and sound it. A refusal
 * or an amber verdict records nothing: the tube and the person are as they were.
 */
import { parseCode } from '$lib/core/code';
import { RepeatFilter } from '$lib/scan/repeat-filter';
import { isLabelCode, judgeSample, judgeSeal, judgeTubeScan, judgeUndo, type RecorderVerdict, type SamplingReason } from '$lib/sampling/tube-rules';
import { openTubeOf, type StaleTube, type TubeBook, type TubeState } from '$lib/sampling/tube';
import type { Round } from '$lib/core/round';
import type { Entry, ReswabReason, VoidReason } from '$lib/core/types';
import type { ScannedCode } from '$lib/scan/scanned-code';
import { describeError } from '$lib/ui/errors';
import { signal } from '$lib/scan/feedback';
import { SamplingBook } from './book.svelte';
import type { SiteSession } from '$lib/site/session.svelte';

/** Why the recorder refused, beyond the tube rules' own reasons. */
export type RecorderReason = SamplingReason | 'other-site' | 'too-long';

/** What the recorder's panel shows after an action. */
export type RecorderShown =
  | { kind: 'opened'; tube: string }
  | { kind: 'sampled'; person: string; count: number; capacity: number; full: boolean; reswab?: ReswabReason }
  | { kind: 'sealed'; tube: string; count: number }
  | { kind: 'undone'; entry: Entry }
  | { kind: 'duplicate' | 'refused'; reason: RecorderReason; person?: string; code?: string; earlier?: Entry[] }
  | { kind: 'error'; message: string };

export class RecorderStation {
  #shown = $state<RecorderShown | null>(null);
  #filter = new RepeatFilter(3000);
  readonly tubes: SamplingBook;

  constructor(
    private readonly session: SiteSession,
    round: Round
  ) {
    this.tubes = new SamplingBook(session, round);
  }

  get shown() {
    return this.#shown;
  }
  get round() {
    return this.tubes.round;
  }
  /** The tube this tablet is filling, if any. */
  get openTube(): TubeState | undefined {
    const book = this.tubes.book;
    return book && openTubeOf(book, this.tubes.device);
  }
  /** Sealed tubes of the round waiting too long for a box (see SamplingBook). */
  get stale(): StaleTube[] {
    return this.tubes.stale;
  }

  /** Handles one scanned code from any source: a tube label or a person. */
  async scan(code: ScannedCode): Promise<void> {
    const parsed = parseCode(code.text);
    if (parsed.kind === 'empty') return;
    if (!this.#filter.admit(parsed.text, code.at) && code.source !== 'manual') return;
    if (parsed.kind === 'too-long') return this.#show({ kind: 'refused', reason: 'too-long' });
    if (parsed.kind === 'person') {
      if (parsed.siteId !== this.session.site?.id) return this.#show({ kind: 'refused', reason: 'other-site' });
      return this.sample(parsed.personId);
    }
    const text = parsed.text;
    if (!isLabelCode(text)) return this.#show({ kind: 'refused', reason: 'bad-tube-code', code: text.slice(0, 64) });
    await this.#act((book) => judgeTubeScan(book, this.tubes.device, text), () => ({ kind: 'opened', tube: text }));
  }

  /** Puts a person into the open tube; with `again`, a re-swab of someone already sampled. */
  sample(person: string, again?: ReswabReason): Promise<void> {
    return this.#act(
      (book) => judgeSample(book, this.tubes.device, person, again),
      (v) => ({ kind: 'sampled', person, count: v.count, capacity: v.capacity, full: v.full, ...(v.draft.reason ? { reswab: again } : {}) }),
      person
    );
  }

  /** Seals the open tube (封管). */
  seal(): Promise<void> {
    let count = 0;
    let tube = '';
    return this.#act(
      (book) => {
        const open = openTubeOf(book, this.tubes.device);
        count = open?.samples.length ?? 0;
        tube = open?.barcode ?? '';
        return judgeSeal(book, this.tubes.device);
      },
      () => ({ kind: 'sealed', tube, count })
    );
  }

  /** Voids the last person of the open tube (or its opening, when empty). False: wrong PIN. */
  async undo(reason: VoidReason, pin: string): Promise<boolean> {
    if (!(await this.session.checkSupervisorPin(pin))) return false;
    await this.#act(
      (book) => judgeUndo(book, this.tubes.device, reason),
      (v) => ({ kind: 'undone', entry: v.undoes })
    );
    return true;
  }

  async #act<E extends object>(judge: (book: TubeBook) => RecorderVerdict<E>, accepted: (v: { draft: { reason?: string } } & E) => RecorderShown, person?: string) {
    try {
      await this.tubes.serial(async (book) => {
        const v = judge(book);
        if (v.kind !== 'accepted') {
          this.#show({ kind: v.kind, reason: v.reason, person, ...(v.kind === 'refused' && v.earlier ? { earlier: v.earlier } : {}) });
          return;
        }
        await this.tubes.record(v.draft);
        this.#show(accepted(v));
      });
    } catch (e) {
      this.#show({ kind: 'error', message: describeError(e) });
    }
  }

  #show(shown: RecorderShown) {
    this.#shown = shown;
    const kind = shown.kind;
    signal(kind === 'duplicate' ? 'duplicate' : kind === 'refused' || kind === 'error' ? 'refused' : 'accepted');
  }

  destroy() {
    this.tubes.destroy();
  }
}
