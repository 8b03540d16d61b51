/**
 * The gate as a checkpoint: the site's policy (core/gate-policy.ts) over the gate's rules
 * (rules.ts `judgeGateScan`, whose outcomes stay as they are). Pure; never throws on what
 * a scan brings.
 *
 * A resident's scan is judged in this order; the first that applies decides:
 * 1. the code: unknown, another site's, nobody on the roster (red, as rules.ts says);
 * 2. a bare personal code where the site allows only signed passes (red `unsigned-code`;
 *    neither an exemption nor the supervisor lets it through: the person shows a pass or
 *    is found on the roster);
 * 3. quarantine: a person tagged quarantined never goes out, in any mode, exemption or not
 *    (red `quarantined`); the mode: only-in refuses every exit, closed every pass, unless an
 *    exemption the site offers is chosen (red `only-in`, `closed`);
 * 4. where the rules last saw the person (amber: already inside / outside);
 * 5. the household's outings (outings.ts): an exit with no exemption past the quota (red
 *    `quota-full`, with when the next outing is allowed);
 * 6. green, with the exemption chosen, if any.
 * The supervisor's override (the PIN checked by the caller, a reason typed) lets a person
 * through what steps 3 and 5 refuse; the pass records the override and its reason.
 * Every verdict carries the person's tags (老人, 孕妇 …), so the duty person can help.
 */
import { activeExemption, type GatePolicy } from '$lib/core/gate-policy';
import type { Direction, Entry, Person, PersonTag, Reason } from '$lib/core/types';
import { quotaState } from './outings';
import { gateEntryFields, judgeGateScan, type GateScan, type GateVerdict } from './rules';

/** Why the policy refused a resident. */
export type PolicyReason = Extract<Reason, 'quarantined' | 'only-in' | 'closed' | 'quota-full' | 'unsigned-code'>;
/** The refusals the supervisor's override lifts. */
export type OverridableReason = Exclude<PolicyReason, 'unsigned-code'>;

/** Longest override reason kept on the entry. */
export const MAX_OVERRIDE_REASON = 200;

export type CheckpointVerdict = (
  | { kind: 'accepted'; person: Person; direction: Direction; exemption?: string; override?: { reason: string; lifted: OverridableReason } }
  | Extract<GateVerdict, { kind: 'duplicate' }>
  | Extract<GateVerdict, { kind: 'refused' }>
  | { kind: 'refused'; person: Person; direction: Direction; reason: PolicyReason; nextAt?: number }
) & {
  /** The person's tags; none for a code of nobody on the roster. */
  tags: readonly PersonTag[];
};

export interface CheckpointScan extends GateScan {
  policy: GatePolicy;
  /** The tablet's clock now (ms), for the quota's window. */
  now: number;
  /**
   * True when the person was identified by a signed pass this tablet verified, or chosen on
   * the roster by the duty person; false or absent for a bare personal code.
   */
  verified?: boolean;
  /** The exemption the duty person chose (an id of the policy's; one it does not offer is none). */
  exemption?: string;
  /** The supervisor's override: the PIN already checked, the reason typed (blank is none). */
  override?: { reason: string };
  /**
   * The person's household while the policy has a quota: its members' ids and their gate
   * entries and voids as this tablet holds them (more entries are harmless).
   */
  household?: { members: ReadonlySet<string>; entries: Iterable<Entry> };
}

/** A quota is on but the scan brought no household to count it by (a programmer error). */
export class MissingHouseholdError extends Error {
  override name = 'MissingHouseholdError';
}

function modeRefusal(scan: CheckpointScan, person: Person, exempt: boolean): OverridableReason | undefined {
  const { direction, policy } = scan;
  if (direction === 'out' && person.tags.includes('quarantined')) return 'quarantined';
  if (exempt) return undefined;
  if (policy.mode === 'closed') return 'closed';
  if (policy.mode === 'only-in' && direction === 'out') return 'only-in';
  return undefined;
}

/** Judges one gate scan under the site's policy (see the header). */
export function judgeCheckpoint(scan: CheckpointScan): CheckpointVerdict {
  const base = judgeGateScan(scan);
  if (base.kind === 'refused') return { ...base, tags: [] };
  const { person, direction } = base;
  const tags = person.tags;
  if (!scan.verified && !scan.policy.unsignedCodes) return { kind: 'refused', person, direction, reason: 'unsigned-code', tags };
  const exemption = activeExemption(scan.policy, scan.exemption)?.id;
  const reason = scan.override?.reason.trim().slice(0, MAX_OVERRIDE_REASON);
  // The refusal the override lifts, if it comes to that.
  let lifted = modeRefusal(scan, person, exemption !== undefined);
  if (lifted && !reason) return { kind: 'refused', person, direction, reason: lifted, tags };
  if (base.kind === 'duplicate') return { ...base, tags };
  const quota = scan.policy.quota;
  if (!lifted && quota && direction === 'out' && exemption === undefined) {
    if (!scan.household) throw new MissingHouseholdError(`a quota is on and no household came with the scan of ${person.id}`);
    const state = quotaState(scan.household.entries, scan.household.members, quota, scan.now);
    if (state.full && !reason) return { kind: 'refused', person, direction, reason: 'quota-full', nextAt: state.nextAt, tags };
    if (state.full) lifted = 'quota-full';
  }
  const accepted: CheckpointVerdict = { kind: 'accepted', person, direction, tags };
  if (exemption !== undefined) accepted.exemption = exemption;
  if (lifted && reason) accepted.override = { reason, lifted };
  return accepted;
}

/**
 * What may lift a refusal: an exemption the site offers (only-in, closed, a full quota: never
 * quarantine), or the supervisor's override (any refusal of the policy but a bare code).
 * Neither lifts a refusal of the code itself (another site's, nobody on the roster).
 */
export function remediesOf(v: CheckpointVerdict): { exemption: boolean; override: boolean } {
  if (v.kind !== 'refused' || !('person' in v)) return { exemption: false, override: false };
  return { exemption: v.reason === 'only-in' || v.reason === 'closed' || v.reason === 'quota-full', override: v.reason !== 'unsigned-code' };
}

/** The entry fields a verdict stands for (id, time, device, staff are the ledger's to add). */
export function checkpointEntryFields(v: CheckpointVerdict): Pick<Entry, 'kind' | 'subject' | 'verdict' | 'direction'> & Partial<Pick<Entry, 'reason' | 'note' | 'exemption'>> {
  const kind = v.direction === 'in' ? 'gate-in' : 'gate-out';
  if (v.kind === 'refused' && 'person' in v) return { kind, subject: v.person.id, verdict: 'refused', reason: v.reason, direction: v.direction };
  if (v.kind !== 'accepted') return gateEntryFields(v);
  const fields: ReturnType<typeof checkpointEntryFields> = { kind, subject: v.person.id, verdict: 'accepted', direction: v.direction };
  if (v.exemption) fields.exemption = v.exemption;
  if (v.override) {
    fields.reason = 'supervisor-override';
    fields.note = v.override.reason;
  }
  return fields;
}
