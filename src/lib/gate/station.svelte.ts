/**
 * The gate station: direction, the verdict on screen, the recent scans and the live tally.
 *
 * The scan path: clean and classify the code → drop a repeat of the same code within a
 * few seconds → look the person up (roster and gate positions in memory) → judge → record
 * durably → only then show the verdict and sound it. If the write fails, the
 * screen says the scan was NOT saved and shows no verdict.
 */
import { parseCode } from '$lib/core/code';
import { gateEntryFields, judgeGateScan, type GateVerdict } from '$lib/gate/rules';
import { RepeatFilter } from '$lib/scan/repeat-filter';
import type { Direction, Entry, VoidReason } from '$lib/core/types';
import type { EntryRow } from '$lib/ledger/reads';
import type { ScannedCode } from '$lib/scan/scanned-code';
import { Live } from '$lib/ledger/live.svelte';
import { describeError } from '$lib/ui/errors';
import { signal } from '$lib/scan/feedback';
import { GatePositions } from './positions';
import { GateTallyLive } from './today-tally.svelte';
import type { SiteSession } from '$lib/site/session.svelte';

/** What the screen shows after a scan. */
export type Shown =
  | { kind: 'verdict'; verdict: GateVerdict; entry: Entry; at: number }
  | { kind: 'too-long'; at: number }
  | { kind: 'error'; message: string; at: number };

export class GateStation {
  #direction = $state<Direction>('in');
  #shown = $state<Shown | null>(null);
  #busy = $state(false);
  #filter = new RepeatFilter(3000);
  readonly recent: Live<{ entries: EntryRow[]; voided: Set<string> }>;
  readonly tally: GateTallyLive;
  readonly #positions: GatePositions;

  constructor(private readonly session: SiteSession) {
    const ledger = session.ledger!;
    this.#positions = new GatePositions(ledger);
    void this.#positions.build().catch((error) => console.warn('gate positions not built; each scan reads the disk', error));
    // Re-run after every scan, reading only the dozen rows it shows (see queries.ts).
    this.recent = new Live(() => ledger.reads.recentEntries(ledger.today(), ledger.deviceId, 'gate', 12));
    this.tally = new GateTallyLive(ledger);
  }

  get direction() {
    return this.#direction;
  }
  set direction(d: Direction) {
    this.#direction = d;
  }
  get shown() {
    return this.#shown;
  }
  get busy() {
    return this.#busy;
  }

  /** Handles one scanned code from any source. */
  async scan(code: ScannedCode): Promise<void> {
    const parsed = parseCode(code.text);
    if (parsed.kind === 'empty') return;
    // A repeat of the same code within seconds is the same event; someone who typed a
    // code on purpose always gets an answer.
    const fresh = this.#filter.admit(`${this.#direction}|${parsed.text}`, code.at);
    if (!fresh && code.source !== 'manual') return;
    const ledger = this.session.ledger!;
    this.#busy = true;
    try {
      if (parsed.kind === 'too-long') {
        // Not even recorded: a code this long is noise or an attack, never a pass.
        this.#shown = { kind: 'too-long', at: code.at };
        signal('refused');
        return;
      }
      const person = parsed.kind === 'person' ? this.session.person(parsed.personId) : undefined;
      const position = person ? await this.#positions.of(person.id) : undefined;
      const verdict = judgeGateScan({ code: parsed, direction: this.#direction, siteId: ledger.site.id, person, position });
      const entry = await ledger.record({ ...gateEntryFields(verdict), station: 'gate', staff: this.session.staff });
      this.#shown = { kind: 'verdict', verdict, entry, at: code.at };
      signal(verdict.kind);
    } catch (e) {
      this.#shown = { kind: 'error', message: describeError(e), at: code.at };
      signal('refused');
    } finally {
      this.#busy = false;
    }
  }

  /**
   * Undoes an entry by recording a void that names it, who and why (entries are never
   * deleted). Returns false, recording nothing, when the supervisor PIN is wrong.
   */
  async undo(entry: Entry, reason: VoidReason, pin: string): Promise<boolean> {
    if (!(await this.session.checkSupervisorPin(pin))) return false;
    const ledger = this.session.ledger!;
    await ledger.record({
      kind: 'void',
      station: 'gate',
      staff: this.session.staff,
      subject: entry.subject,
      verdict: 'accepted',
      reason,
      voids: entry.id
    });
    if (this.#shown?.kind === 'verdict' && this.#shown.entry.id === entry.id) this.#shown = null;
    return true;
  }

  destroy() {
    this.recent.destroy();
    this.tally.destroy();
    this.#positions.destroy();
  }
}
