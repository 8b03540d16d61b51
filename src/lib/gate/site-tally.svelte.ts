/**
 * The site tally screen: today's gate entries of every tablet this one has merged with (the
 * tally is derived from the merged set, never stored), and the clashes between tablets.
 */
import { tallyGate, type GateTally } from '$lib/gate/tally';
import { gateConflicts, type GateConflict } from '$lib/gate/conflicts';
import { hourOf } from '$lib/core/day';
import { Live } from '$lib/ledger/live.svelte';
import type { EntrySource } from '$lib/site/station-context';

export class SiteTallyView {
  readonly day: string;
  readonly gate: Live<GateTally>;
  /** People let through by two tablets that were apart, with both records. */
  readonly conflicts: Live<GateConflict[]>;

  constructor(ledger: EntrySource) {
    const zone = ledger.site.timeZone;
    this.day = ledger.today();
    this.gate = new Live(async () => tallyGate(await ledger.reads.dayEntries(this.day), (at) => hourOf(at, zone)));
    this.conflicts = new Live(async () => gateConflicts(await ledger.reads.dayEntries(this.day)));
  }

  destroy() {
    this.gate.destroy();
    this.conflicts.destroy();
  }
}
