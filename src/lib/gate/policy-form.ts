/**
 * What the supervisor typed on the policy screen, read as values before anything is kept:
 * the quota's three numbers as typed, and an exemption's label (blank, too long, characters
 * no tablet shows, or the name of one the site has already). gate/policy.ts makes the
 * changes; this says, field by field, why a form cannot become one, in the tablet's words.
 */
import { QUOTA_BOUNDS, type Exemption, type GatePolicy, type OutingQuota, type PolicyChange } from '$lib/core/gate-policy';
import { MAX_EXEMPTION_LABEL, isExemptionLabel } from '$lib/core/gate-policy-codec';
import { m } from '$lib/i18n';
import { exemptionText, policyChangeText } from './policy-text';

export type QuotaField = keyof OutingQuota;
export const QUOTA_FIELDS: readonly QuotaField[] = ['days', 'outings', 'hours'];

/** The quota part of the form: on or off, and each number as typed. */
export interface QuotaForm {
  on: boolean;
  outings: string;
  days: string;
  hours: string;
}

/** The form of a quota as the policy holds it (off shows the usual rule, 1 per 2 days, ≤ 4 h). */
export function quotaForm(quota: OutingQuota | null): QuotaForm {
  const q = quota ?? { outings: 1, days: 2, hours: 4 };
  return { on: quota !== null, outings: String(q.outings), days: String(q.days), hours: String(q.hours) };
}

/** The quota a form says, or the fields that are not whole numbers within their bounds. */
export function readQuotaForm(form: QuotaForm): { ok: true; quota: OutingQuota | null } | { ok: false; fields: QuotaField[] } {
  if (!form.on) return { ok: true, quota: null };
  const quota = {} as OutingQuota;
  const fields: QuotaField[] = [];
  for (const f of QUOTA_FIELDS) {
    const text = form[f].trim();
    const n = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    const [lo, hi] = QUOTA_BOUNDS[f];
    if (!(n >= lo && n <= hi)) fields.push(f);
    quota[f] = n;
  }
  return fields.length ? { ok: false, fields } : { ok: true, quota };
}

export type LabelProblem = 'blank' | 'too-long' | 'unprintable' | 'taken';

/**
 * Why `label` (trimmed) cannot name an exemption, or null. `textOf` gives an exemption's
 * words as the screen shows them; `except` is the one being renamed (its own name is fine).
 */
export function labelProblem(policy: GatePolicy, label: string, textOf: (x: Exemption) => string, except?: string): LabelProblem | null {
  const text = label.trim();
  if (text === '') return 'blank';
  if (text.length > MAX_EXEMPTION_LABEL) return 'too-long';
  if (!isExemptionLabel(text)) return 'unprintable';
  if (policy.exemptions.some((x) => x.id !== except && textOf(x) === text)) return 'taken';
  return null;
}

export function labelProblemText(problem: LabelProblem): string {
  switch (problem) {
    case 'blank':
      return m.policy_label_blank();
    case 'too-long':
      return m.policy_label_too_long({ max: MAX_EXEMPTION_LABEL });
    case 'unprintable':
      return m.policy_label_unprintable();
    case 'taken':
      return m.policy_label_taken();
  }
}

export function quotaFieldName(field: QuotaField): string {
  switch (field) {
    case 'outings':
      return m.policy_quota_outings();
    case 'days':
      return m.policy_quota_days();
    case 'hours':
      return m.policy_quota_hours();
  }
}

/** "外出次数须为 1–20 的整数" for a field out of its bounds. */
export function quotaProblemText(field: QuotaField): string {
  const [min, max] = QUOTA_BOUNDS[field];
  return m.policy_quota_bad({ field: quotaFieldName(field), min, max });
}

/** A change about to be saved, in words: a new name of an exemption offered as before is a rename. */
export function pendingChangeText(policy: GatePolicy, change: PolicyChange): string {
  if (change.field !== 'exemption') return policyChangeText(change);
  const before = policy.exemptions.find((x) => x.id === change.exemption.id);
  const was = before && exemptionText(before);
  const now = exemptionText(change.exemption);
  return was && was !== now && before.active === change.exemption.active ? m.policy_exemption_renamed({ from: was, to: now }) : policyChangeText(change);
}
