/**
 * The gate station: direction, the verdict on screen, the recent scans and the live tally.
 *
 * The scan path: the one intake (scan/intake.ts: clean, classify, drop a repeat of the same
 * code and direction within seconds) → look the person up (roster and gate positions in
 * memory) → judge (rules.ts) → record durably → only then show the verdict and sound it.
 * Scans run one at a time in the station's lane. If the write fails, the screen says the
 * scan was NOT saved and shows no verdict.
 */
import { gateEntryFields, judgeGateScan, type GateVerdict } from './rules';
import type { Direction, Entry, VoidReason } from '$lib/core/types';
import type { EntryRow } from '$lib/ledger/reads';
import { ScanIntake } from '$lib/scan/intake';
import type { ScannedCode } from '$lib/scan/scanned-code';
import { Live } from '$lib/ledger/live.svelte';
import type { StationContext } from '$lib/site/station-context';
import { StationFront, type Failed } from '$lib/ui/station-front.svelte';
import { GatePositions } from './positions';
import { LiveGateTally } from './today-tally.svelte';

type Outcome = { kind: 'verdict'; verdict: GateVerdict; entry: Entry; at: number } | { kind: 'too-long'; at: number };
/** What the screen shows after a scan. */
export type Shown = Outcome | Failed;

export class GateStation {
  #direction = $state<Direction>('in');
  readonly #front = new StationFront<Outcome>((s) => (s.kind === 'verdict' ? s.verdict.kind : 'refused'));
  readonly #intake: ScanIntake;
  readonly recent: Live<{ entries: EntryRow[]; voided: Set<string> }>;
  readonly tally: LiveGateTally;
  readonly #positions: GatePositions;

  constructor(private readonly ctx: StationContext) {
    const { entries } = ctx;
    this.#intake = new ScanIntake(ctx.siteId);
    this.#positions = new GatePositions(entries);
    void this.#positions.build().catch((error) => console.warn('gate positions not built; each scan reads the disk', error));
    // Re-run after every scan, reading only the dozen rows it shows (see ledger/reads.ts).
    this.recent = new Live(() => entries.reads.recentEntries(entries.today(), ctx.device, 'gate', 12));
    this.tally = new LiveGateTally(entries);
  }

  get direction() {
    return this.#direction;
  }
  set direction(d: Direction) {
    this.#direction = d;
  }
  get shown() {
    return this.#front.shown;
  }
  get busy() {
    return this.#front.busy;
  }

  /** Handles one scanned code from any source. */
  scan(code: ScannedCode): Promise<void> {
    const direction = this.#direction;
    const taken = this.#intake.take(code, direction);
    if (taken.kind === 'ignored') return Promise.resolve();
    return this.#front.run(async () => {
      // Not even recorded: a code this long is noise or an attack, never a pass.
      if (taken.kind === 'too-long') return this.#front.show({ kind: 'too-long', at: code.at });
      const person = taken.kind === 'person' ? this.ctx.person(taken.personId) : undefined;
      const position = person ? await this.#positions.of(person.id) : undefined;
      const verdict = judgeGateScan({ code: taken, direction, person, position });
      const entry = await this.ctx.record({ ...gateEntryFields(verdict), station: 'gate' });
      this.#front.show({ kind: 'verdict', verdict, entry, at: code.at });
    });
  }

  /**
   * Undoes an entry by recording a void that names it, who and why (entries are never
   * deleted). Returns false, recording nothing, when the supervisor PIN is wrong.
   */
  async undo(entry: Entry, reason: VoidReason, pin: string): Promise<boolean> {
    if (!(await this.ctx.checkPin(pin))) return false;
    await this.ctx.record({ kind: 'void', station: 'gate', subject: entry.subject, verdict: 'accepted', reason, voids: entry.id });
    const shown = this.#front.shown;
    if (shown?.kind === 'verdict' && shown.entry.id === entry.id) this.#front.update(null);
    return true;
  }

  destroy() {
    this.recent.destroy();
    this.tally.destroy();
    this.#positions.destroy();
  }
}
