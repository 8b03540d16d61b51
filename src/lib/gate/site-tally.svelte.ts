/**
 * The site tally screen: today's gate entries of every tablet this one has merged with (the
 * tally is derived from the merged set, never stored), the clashes between tablets, the
 * gate policy in force and every change made to it, and the household outings the policy's
 * quota watches (outing-watch.svelte.ts).
 */
import { tallyGate, type GateTally } from '$lib/gate/tally';
import { gateConflicts, type GateConflict } from '$lib/gate/conflicts';
import { hourOf } from '$lib/core/day';
import { Live } from '$lib/ledger/live.svelte';
import type { EntrySource } from '$lib/site/station-context';
import { LivePolicy, type PolicySource } from './live-policy.svelte';
import { OutingWatch, type OutingWatchOptions } from './outing-watch.svelte';
import { policyLog, type PolicyLogRow } from './policy-log';

export class SiteTallyView {
  readonly day: string;
  readonly gate: Live<GateTally>;
  /** People let through by two tablets that were apart, with both records. */
  readonly conflicts: Live<GateConflict[]>;
  readonly policy: LivePolicy;
  readonly outings: OutingWatch;
  #log = $state.raw<PolicyLogRow[] | undefined>(undefined);
  #logRun = 0;
  readonly #stopLog: () => void;
  readonly #reads: EntrySource['reads'];

  /** `householdOf` names a person's household from the roster (outings.ts); none: no household is known. */
  constructor(ledger: EntrySource & PolicySource, householdOf: (personId: string) => string | undefined = () => undefined, opts: OutingWatchOptions = {}) {
    const zone = ledger.site.timeZone;
    this.day = ledger.today();
    this.#reads = ledger.reads;
    this.gate = new Live(async () => tallyGate(await ledger.reads.dayEntries(this.day), (at) => hourOf(at, zone)));
    this.conflicts = new Live(async () => gateConflicts(await ledger.reads.dayEntries(this.day)));
    this.policy = new LivePolicy(ledger);
    this.outings = new OutingWatch(ledger, this.policy, householdOf, opts);
    // Policy entries are few and scattered over every day: read again only when one arrives
    // (or another tab stored something unknown), not at every scan.
    void this.#readLog();
    this.#stopLog = ledger.onEntries((_day, entries) => {
      if (!entries || entries.some((e) => e.kind === 'policy')) void this.#readLog();
    });
  }

  /** Every change of the gate policy (who, when, what), newest first; undefined while read. */
  get policyLog(): PolicyLogRow[] | undefined {
    return this.#log;
  }

  destroy() {
    this.gate.destroy();
    this.conflicts.destroy();
    this.#stopLog();
    this.outings.destroy();
    this.policy.destroy();
  }

  async #readLog(): Promise<void> {
    const run = ++this.#logRun;
    const days = await this.#reads.entryDays();
    const rows = (await Promise.all(days.map((d) => this.#reads.dayKindEntries(d, 'policy')))).flat();
    // A later read started meanwhile: its answer is the newer one.
    if (run === this.#logRun) this.#log = policyLog(rows);
  }
}
