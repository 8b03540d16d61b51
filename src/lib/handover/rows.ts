/**
 * Every other tablet of the site against this tablet's shift: by its advert while sync
 * reaches it, by the last QR of it compared here, or unknown. The tablets listed are those
 * the site doc names, those sync has heard of, those with entries in the shift and those
 * whose QR was scanned, so a tablet that worked the shift is never left out. Pure: the rune
 * class (handover-tablets.svelte.ts) feeds it.
 */
import { agreementOf, differingDays, type SummaryComparison, type TabletAgreement } from '$lib/handover/compare';
import type { HandoverSummary } from '$lib/handover/rules';
import type { TabletView } from '$lib/sync/advert';

/** One other tablet, as the handover screen lists it. */
export interface TabletRow extends TabletAgreement {
  name: string;
  /** its entries in the shift, as far as this tablet holds them */
  entries: number;
  /** reachable over sync now (directly or through another tablet) */
  connected: boolean;
  /** when this tablet last heard of it over sync, if ever */
  lastSeen?: number;
  /** the days of the shift on which its advert differs */
  days: string[];
}

export interface RowsInput {
  self: string;
  summary: HandoverSummary;
  /** what sync knows of the other tablets */
  views: readonly TabletView[];
  /** the tablets the site doc names */
  names: ReadonlyMap<string, { name: string }>;
  /** comparisons with QR codes scanned here, by device */
  qr: Readonly<Record<string, SummaryComparison>>;
}

/** The rows, those that hold the handover up first (differing, then unconfirmed workers), then by name. */
export function tabletRows({ self, summary: s, views, names, qr }: RowsInput): TabletRow[] {
  const byDevice = new Map(views.map((v) => [v.advert.device, v]));
  const ids = new Set([...names.keys(), ...byDevice.keys(), ...Object.keys(s.tally.byDevice), ...Object.keys(qr)]);
  ids.delete(self);
  const days = Object.keys(s.days);
  const rows = [...ids].map((device): TabletRow => {
    const view = byDevice.get(device);
    const reachable = !!view && (view.connected || view.relayed);
    const standing = agreementOf({ mine: s.days, days, advert: view?.advert.days, reachable, qr: qr[device] });
    const entries = s.tally.byDevice[device] ?? 0;
    return {
      device,
      ...standing,
      worked: entries > 0,
      name: view?.advert.name || names.get(device)?.name || device,
      entries,
      connected: reachable,
      lastSeen: view?.lastSeen,
      days: reachable && view ? differingDays(s.days, view.advert.days, days) : []
    };
  });
  const rank = (r: TabletRow) => (r.agreement === 'differs' ? 0 : r.agreement === 'unknown' && r.worked ? 1 : 2);
  return rows.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || (a.device < b.device ? -1 : 1));
}
