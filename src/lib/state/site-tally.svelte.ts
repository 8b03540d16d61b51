/**
 * The site tally screen: every station's entries of today on this tablet. (Once tablets
 * sync, the same query covers every tablet's entries: the tally is derived from the merged
 * set, never stored.)
 */
import { tallyGate, type GateTally } from '$lib/core/tally';
import { hourOf } from '$lib/core/day';
import { dayEntries } from '$lib/storage/queries';
import { Live } from './live.svelte';
import type { SiteSession } from './session.svelte';

export class SiteTally {
  readonly day: string;
  readonly gate: Live<GateTally>;

  constructor(session: SiteSession) {
    const ledger = session.ledger!;
    const zone = ledger.site.timeZone;
    this.day = ledger.today();
    this.gate = new Live(async () => tallyGate(await dayEntries(ledger.db, this.day), (at) => hourOf(at, zone)));
  }

  destroy() {
    this.gate.destroy();
  }
}
