/**
 * Recording a handover: a `handover` entry whose staff is the outgoing person, whose subject
 * is the incoming person, and whose note is the shift's handover code (scope, window,
 * tallies, digests; handover-code.ts), with the tablets that stood apart when the staff
 * acknowledged them. It is recorded only when no tablet holds it up, or when the staff tick
 * that they know which tablets do: a handover is never silently made over a disagreement.
 */
import { formatHandoverCode, type Acknowledged } from '$lib/handover/code';
import { MAX_HANDOVER_NOTE } from '$lib/core/entry-codec';
import type { HandoverSummary } from '$lib/handover/rules';
import type { Round } from '$lib/core/round';
import type { Entry, StationKind } from '$lib/core/types';
import type { Ledger } from '$lib/ledger/ledger';
import type { HandoverTablets } from './tablets.svelte';

/** Longest name the form takes (the entry codec keeps staff names to 64). */
export const MAX_NAME = 40;

/**
 * What the handover needs of the tablet: the open site's ledger and rounds, the station this
 * tablet serves (a site handover is filed under it), and the duty sign-in it passes on.
 */
export interface HandoverParts {
  readonly ledger: Ledger;
  rounds(): readonly Round[];
  station(): StationKind;
  setStaff(name: string): Promise<void>;
}

export interface RecordInput {
  outgoing: string;
  incoming: string;
  /** The tablets the staff saw named and ticked "we know these disagree" for. */
  acknowledged: readonly string[];
}

export type RecordOutcome =
  | { kind: 'recorded'; entry: Entry }
  | { kind: 'not-ready' }
  | { kind: 'names-missing' }
  | { kind: 'needs-acknowledgement'; devices: string[] }
  | { kind: 'too-long' };

export async function recordHandover(parts: HandoverParts, summary: HandoverSummary | null, tablets: HandoverTablets, input: RecordInput): Promise<RecordOutcome> {
  if (!summary) return { kind: 'not-ready' };
  const outgoing = input.outgoing.trim();
  const incoming = input.incoming.trim();
  if (!outgoing || !incoming || outgoing.length > MAX_NAME || incoming.length > MAX_NAME) return { kind: 'names-missing' };
  const blocking = tablets.blocking;
  // A tablet that started to disagree after the box was ticked has not been acknowledged.
  if (blocking.some((d) => !input.acknowledged.includes(d))) return { kind: 'needs-acknowledgement', devices: blocking };
  const acknowledged: Acknowledged[] = blocking.map((device) => ({
    device,
    agreement: tablets.rows.find((r) => r.device === device)?.agreement === 'differs' ? 'differs' : 'unknown'
  }));
  const note = formatHandoverCode(summary, { max: MAX_HANDOVER_NOTE, acknowledged });
  if (!note) return { kind: 'too-long' };
  // A site handover is filed under the station this tablet serves (the note says "site").
  const station = summary.scope === 'site' ? parts.station() : summary.scope;
  const entry = await parts.ledger.record({ kind: 'handover', station, staff: outgoing, subject: incoming, verdict: 'accepted', note });
  // The tablet is handed over too: the incoming person is now on duty on it.
  await parts.setStaff(incoming);
  return { kind: 'recorded', entry };
}
