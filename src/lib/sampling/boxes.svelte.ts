/**
 * Transport boxes (转运箱) at the recorder: scan a box's label to pick it, then scan sealed
 * tubes into it, then seal it. The same path as the recorder's scans: judge against the
 * round's tubes read afresh → record an accepted verdict durably → only then show it.
 */
import { parseCode } from '$lib/core/code';
import { RepeatFilter } from '$lib/scan/repeat-filter';
import { isLabelCode, judgeBoxAdd, judgeBoxSeal, type RecorderVerdict, type SamplingReason } from '$lib/sampling/tube-rules';
import type { TubeBook } from '$lib/sampling/tube';
import type { Round } from '$lib/core/round';
import type { ScannedCode } from '$lib/scan/scanned-code';
import { describeError } from '$lib/ui/errors';
import { signal } from '$lib/scan/feedback';
import { SamplingBook } from './book.svelte';
import { boxManifest, type BoxManifest } from './manifest';
import type { SiteSession } from '$lib/site/session.svelte';

export type BoxShown =
  | { kind: 'picked'; box: string }
  | { kind: 'added'; tube: string }
  | { kind: 'sealed'; box: string }
  | { kind: 'duplicate' | 'refused'; reason: SamplingReason; code?: string }
  | { kind: 'error'; message: string };

export class BoxDesk {
  #box = $state<string | null>(null);
  #shown = $state<BoxShown | null>(null);
  #filter = new RepeatFilter(3000);
  readonly tubes: SamplingBook;

  constructor(
    private readonly session: SiteSession,
    round: Round
  ) {
    this.tubes = new SamplingBook(session, round);
  }

  /** The box being filled or viewed. */
  get box() {
    return this.#box;
  }
  get shown() {
    return this.#shown;
  }
  get manifest(): BoxManifest | undefined {
    const book = this.tubes.book;
    return book && this.#box ? boxManifest(book, this.#box, (id) => this.session.person(id)) : undefined;
  }

  /** A box label picks the box; once one is picked, a tube label goes into it. */
  async scan(code: ScannedCode): Promise<void> {
    const parsed = parseCode(code.text);
    if (parsed.kind === 'empty') return;
    if (!this.#filter.admit(parsed.text, code.at) && code.source !== 'manual') return;
    const text = parsed.text;
    const box = this.#box;
    if (!isLabelCode(text)) return this.#show({ kind: 'refused', reason: box ? 'bad-tube-code' : 'bad-box-code', code: text.slice(0, 64) });
    if (text === box) return;
    if (!box) return this.#pick(text);
    await this.#act((book) => judgeBoxAdd(book, box, text), { kind: 'added', tube: text });
  }

  /** Seals the box being filled. */
  seal(): Promise<void> {
    const box = this.#box;
    if (!box) return Promise.resolve();
    return this.#act((book) => judgeBoxSeal(book, box), { kind: 'sealed', box });
  }

  /** Puts the box down: the next label scanned picks a box again. */
  done() {
    this.#box = null;
    this.#shown = null;
  }

  async #pick(text: string) {
    try {
      await this.tubes.serial(async (book) => {
        // A tube's barcode is not a box: scanning one before any box is a mistake.
        if (book.tubes.has(text)) return this.#show({ kind: 'refused', reason: 'bad-box-code', code: text });
        this.#box = text;
        this.#show({ kind: 'picked', box: text });
      });
    } catch (e) {
      this.#show({ kind: 'error', message: describeError(e) });
    }
  }

  async #act(judge: (book: TubeBook) => RecorderVerdict, accepted: BoxShown) {
    try {
      await this.tubes.serial(async (book) => {
        const v = judge(book);
        if (v.kind !== 'accepted') return this.#show({ kind: v.kind, reason: v.reason });
        await this.tubes.record(v.draft);
        this.#show(accepted);
      });
    } catch (e) {
      this.#show({ kind: 'error', message: describeError(e) });
    }
  }

  #show(shown: BoxShown) {
    this.#shown = shown;
    signal(shown.kind === 'duplicate' ? 'duplicate' : shown.kind === 'refused' || shown.kind === 'error' ? 'refused' : 'accepted');
  }

  destroy() {
    this.tubes.destroy();
  }
}
