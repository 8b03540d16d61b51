/**
 * Editing the gate policy (the supervisor's screen, behind the PIN): each edit is checked
 * and becomes one change (core/gate-policy.ts `PolicyChange`), which the screen writes with
 * `Ledger.changePolicy` and records as a `policy` entry (`policyEntryFields`). The policy's
 * fields, defaults and stored text are core's (gate-policy.ts, gate-policy-codec.ts).
 */
import { DEFAULT_EXEMPTIONS, MAX_EXEMPTIONS, QUOTA_BOUNDS, type Exemption, type GatePolicy, type OutingQuota, type PolicyChange } from '$lib/core/gate-policy';
import { encodePolicyChange, isExemptionId, isExemptionLabel } from '$lib/core/gate-policy-codec';
import type { Entry } from '$lib/core/types';

/** An edit the form may make, or why not. */
export type PolicyEdit = { ok: true; change: PolicyChange } | { ok: false; problem: 'bad-label' | 'bad-id' | 'too-many' | 'unknown-exemption' | 'bad-quota' };

const ok = (change: PolicyChange): PolicyEdit => ({ ok: true, change });
const isDefault = (id: string) => (DEFAULT_EXEMPTIONS as readonly string[]).includes(id);

/** The exemptions a gate offers, in order. */
export const offeredExemptions = (policy: GatePolicy): Exemption[] => policy.exemptions.filter((x) => x.active);

/** A fresh id for an exemption the supervisor adds, from random bytes (injected). */
export const makeExemptionId = (random: Uint8Array): string => 'x' + [...random.subarray(0, 5)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Adds an exemption of `label` (trimmed) under `id` at the end of the list. */
export function addExemption(policy: GatePolicy, label: string, id: string): PolicyEdit {
  const text = label.trim();
  if (!isExemptionLabel(text)) return { ok: false, problem: 'bad-label' };
  if (!isExemptionId(id) || policy.exemptions.some((x) => x.id === id)) return { ok: false, problem: 'bad-id' };
  if (policy.exemptions.length >= MAX_EXEMPTIONS) return { ok: false, problem: 'too-many' };
  const order = Math.max(-1, ...policy.exemptions.map((x) => x.order)) + 1;
  return ok({ field: 'exemption', exemption: { id, order, active: true, label: text } });
}

/** Renames an exemption; `null` gives a default one back its own words in each language. */
export function relabelExemption(policy: GatePolicy, id: string, label: string | null): PolicyEdit {
  const x = policy.exemptions.find((e) => e.id === id);
  if (!x) return { ok: false, problem: 'unknown-exemption' };
  const text = label?.trim() ?? null;
  if (text === null ? !isDefault(id) : !isExemptionLabel(text)) return { ok: false, problem: 'bad-label' };
  return ok({ field: 'exemption', exemption: { ...x, label: text } });
}

/** Offers an exemption at the gate again, or retires it (kept, so its passes keep their words). */
export function offerExemption(policy: GatePolicy, id: string, active: boolean): PolicyEdit {
  const x = policy.exemptions.find((e) => e.id === id);
  return x ? ok({ field: 'exemption', exemption: { ...x, active } }) : { ok: false, problem: 'unknown-exemption' };
}

/** Turns the household quota on with these numbers (each within QUOTA_BOUNDS), or off (null). */
export function setQuota(quota: OutingQuota | null): PolicyEdit {
  if (quota === null) return ok({ field: 'quota', quota: null });
  const fits = (Object.keys(QUOTA_BOUNDS) as (keyof OutingQuota)[]).every((k) => Number.isInteger(quota[k]) && quota[k] >= QUOTA_BOUNDS[k][0] && quota[k] <= QUOTA_BOUNDS[k][1]);
  return fits ? ok({ field: 'quota', quota: { outings: quota.outings, days: quota.days, hours: quota.hours } }) : { ok: false, problem: 'bad-quota' };
}

/** The entry that records a change (who and when are the ledger's to add): subject the field, note its new value. */
export function policyEntryFields(change: PolicyChange): Pick<Entry, 'kind' | 'subject' | 'verdict' | 'note'> {
  const { key, value } = encodePolicyChange(change);
  return { kind: 'policy', subject: key, verdict: 'accepted', note: value };
}
