/**
 * The shift handover screen (交接班): the ending shift of one station or the whole site, how
 * every other tablet of the site stands against it, a QR of it for a tablet that is not
 * connected, the comparison with such a QR, and the recording of the handover.
 *
 * The shift runs from the scope's last handover (or the start of today) until now, unless a
 * supervisor picks another window. Everything is a live query: entries arriving from peers
 * change the tally and the agreement while the screen is open.
 */
import { compareSummaries, type SummaryComparison } from '$lib/handover/compare';
import { formatHandoverCode, readHandoverCode } from '$lib/handover/code';
import type { HandoverScope, HandoverSummary } from '$lib/handover/rules';
import type { TimeSpan } from '$lib/supervise/reconcile';
import { Live } from '$lib/ledger/live.svelte';
import { defaultWindow, loadSummary, recentHandovers, type RecordedHandover } from './load';
import { HandoverTablets } from './tablets.svelte';
import { recordHandover, type HandoverParts, type RecordInput, type RecordOutcome } from './record';

interface Shift {
  summary: HandoverSummary | null;
  recorded: RecordedHandover[];
}

/** What scanning another tablet's code gave (`too-long`: over MAX_HANDOVER_CODE, refused unread). */
export type ScanOutcome = 'compared' | 'not-a-handover-code' | 'too-long' | 'own-code';

export class HandoverStation {
  #scope = $state<HandoverScope>('site');
  #picked = $state.raw<TimeSpan | undefined>(undefined);
  #shift = $state.raw<Live<Shift> | null>(null);
  // What the replaced query last said, shown until the new one answers: the screen (and the
  // message of a handover just recorded) does not blink back to "loading" on every change.
  #previous = $state.raw<Shift | undefined>(undefined);
  #theirs = $state.raw<HandoverSummary | null>(null);
  #mineForTheirs = $state.raw<Live<HandoverSummary | null> | null>(null);
  readonly tablets: HandoverTablets;

  /** Opens on this tablet's station (the station screen last opened); the whole site is a tap away. */
  constructor(private readonly parts: HandoverParts) {
    this.tablets = new HandoverTablets(parts.ledger, () => this.summary, () => this.scanned);
    this.#scope = parts.station();
    this.#reload();
  }

  get scope() {
    return this.#scope;
  }
  /** The ending shift as this tablet holds it; undefined while loading, null for a window a handover cannot cover. */
  get summary(): HandoverSummary | null | undefined {
    return this.#current?.summary;
  }
  /** The handovers recorded today and yesterday, newest first. */
  get recorded(): RecordedHandover[] {
    return this.#current?.recorded ?? [];
  }
  get #current(): Shift | undefined {
    return this.#shift?.current ?? this.#previous;
  }
  get error(): unknown {
    return this.#shift?.error ?? this.#mineForTheirs?.error ?? null;
  }
  /** The text of this tablet's QR for the shift. */
  get code(): string | null {
    return this.summary ? formatHandoverCode(this.summary) : null;
  }
  /** The last code scanned from another tablet, and how this tablet's shift compares with it. */
  get scanned(): { theirs: HandoverSummary; comparison: SummaryComparison | undefined } | null {
    const theirs = this.#theirs;
    if (!theirs) return null;
    const mine = this.#mineForTheirs?.current;
    return { theirs, comparison: mine ? compareSummaries(mine, theirs) : undefined };
  }

  chooseScope(scope: HandoverScope) {
    this.#scope = scope;
    this.#reload();
  }
  /** A window picked by hand; undefined goes back to "since the last handover". */
  setWindow(window: TimeSpan | undefined) {
    this.#picked = window;
    this.#reload();
  }

  #reload() {
    this.#previous = this.#current;
    this.#shift?.destroy();
    const ledger = this.parts.ledger;
    const [scope, picked] = [this.#scope, this.#picked];
    this.#shift = new Live(async () => {
      const now = Date.now();
      const recorded = await recentHandovers(ledger, now);
      const window = picked ?? defaultWindow(recorded, scope, now, ledger.site.timeZone);
      return { summary: await loadSummary(ledger, this.parts.rounds(), scope, window), recorded };
    });
  }

  /** Compares this tablet's shift with a code scanned (or typed) from another tablet. */
  scan(text: string): ScanOutcome {
    const read = readHandoverCode(text);
    if (!read.ok) return read.reason === 'too-long' ? 'too-long' : 'not-a-handover-code';
    const ledger = this.parts.ledger;
    if (read.summary.device === ledger.deviceId) return 'own-code';
    const { scope, window } = read.summary;
    // Kept as evidence for the tablets list before the next scan replaces it.
    const last = this.scanned;
    if (last?.comparison) this.tablets.rememberQr(last.theirs.device, last.comparison);
    this.#mineForTheirs?.destroy();
    this.#theirs = read.summary;
    this.#mineForTheirs = new Live(() => loadSummary(ledger, this.parts.rounds(), scope, window));
    return 'compared';
  }

  /** Records the handover of the shift on screen (see handover-record.ts for the rule). */
  async record(input: RecordInput): Promise<RecordOutcome> {
    const outcome = await recordHandover(this.parts, this.summary ?? null, this.tablets, input);
    if (outcome.kind === 'recorded') this.setWindow(undefined);
    return outcome;
  }

  destroy() {
    this.#shift?.destroy();
    this.#mineForTheirs?.destroy();
  }
}
