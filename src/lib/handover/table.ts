/**
 * The handover as a table for CSV/XLSX (header first): the tally, the digests, and how each
 * other tablet stood. Words come in as labels, so the file is in the screen's language.
 */
import { countsOf, type CountKey } from '$lib/handover/compare';
import { formatDigest } from '$lib/core/digest';
import type { HandoverSummary } from '$lib/handover/rules';
import type { TabletAgreement } from '$lib/handover/compare';

export interface HandoverLabels {
  section: string;
  item: string;
  count: string;
  /** section names */
  tally: string;
  digests: string;
  tablets: string;
  countText: (key: CountKey) => string;
  digest: string;
  dayDigest: (day: string) => string;
  agreementText: (row: TabletAgreement) => string;
}

export function handoverTable(summary: HandoverSummary, tablets: readonly (TabletAgreement & { name: string })[], labels: HandoverLabels): string[][] {
  const rows = [[labels.section, labels.item, labels.count]];
  for (const [key, n] of countsOf(summary.tally)) rows.push([labels.tally, labels.countText(key), String(n)]);
  rows.push([labels.digests, labels.digest, formatDigest(summary.digest)]);
  for (const [day, digest] of Object.entries(summary.days)) rows.push([labels.digests, labels.dayDigest(day), digest]);
  for (const t of tablets) rows.push([labels.tablets, t.name, labels.agreementText(t)]);
  return rows;
}
