/**
 * The other tablets of the site against the shift on screen, live: recomputed when the
 * shift, what sync hears of the tablets, or a scanned QR changes (handover-rows.ts).
 */
import { blockingTablets, type SummaryComparison } from '$lib/handover/compare';
import type { HandoverSummary } from '$lib/handover/rules';
import { tabletRows, type TabletRow } from './rows';
import { sync } from '$lib/sync/sync-state.svelte';
import type { Ledger } from '$lib/ledger/ledger';

export type { TabletRow } from './rows';

export class HandoverTablets {
  // Comparisons with QR codes scanned on this screen, by device; replaced, never mutated.
  #qr = $state.raw<Record<string, SummaryComparison>>({});
  #rows = $derived.by((): TabletRow[] => {
    const summary = this.summary();
    const ledger = this.ledger;
    if (!summary) return [];
    const current = this.scanned();
    const qr = current?.comparison ? { ...this.#qr, [current.theirs.device]: current.comparison } : this.#qr;
    return tabletRows({ self: ledger.deviceId, summary, views: sync.tablets, names: ledger.devices(), qr });
  });
  #blocking = $derived(blockingTablets(this.#rows));

  constructor(
    private readonly ledger: Pick<Ledger, 'deviceId' | 'devices'>,
    private readonly summary: () => HandoverSummary | null | undefined,
    private readonly scanned: () => { theirs: HandoverSummary; comparison: SummaryComparison | undefined } | null
  ) {}

  /** The other tablets, those that hold the handover up first. */
  get rows(): TabletRow[] {
    return this.#rows;
  }
  /** The devices that stop the handover unless the staff acknowledge them. */
  get blocking(): string[] {
    return this.#blocking;
  }

  /** Keeps a comparison made from a scanned QR as that tablet's standing. */
  rememberQr(device: string, comparison: SummaryComparison) {
    this.#qr = { ...this.#qr, [device]: comparison };
  }
}
