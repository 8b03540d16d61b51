/**
 * The words of the gate policy in the tablet's language: a default exemption's in the
 * catalogue, one the supervisor named or renamed as they wrote it (in both languages), the
 * modes, and a line for each change in the policy log. Reasons are ui/reason-text.ts's.
 */
import type { DefaultExemption, Exemption, GateMode, GatePolicy, PolicyChange } from '$lib/core/gate-policy';
import { m } from '$lib/i18n';

const DEFAULT_LABEL: Record<DefaultExemption, () => string> = {
  medical: m.gate_exemption_medical,
  ambulance: m.gate_exemption_ambulance,
  'epidemic-staff': m.gate_exemption_epidemic_staff,
  supply: m.gate_exemption_supply
};

/** An exemption's words: the supervisor's label, else the default's, else its id. */
export function exemptionText(x: Pick<Exemption, 'id' | 'label'>): string {
  if (x.label) return x.label;
  return Object.hasOwn(DEFAULT_LABEL, x.id) ? DEFAULT_LABEL[x.id as DefaultExemption]() : x.id;
}

/** The words of the exemption an entry recorded, as the policy names it now. */
export function exemptionTextOf(policy: GatePolicy, id: string): string {
  return exemptionText(policy.exemptions.find((x) => x.id === id) ?? { id, label: null });
}

export function modeText(mode: GateMode): string {
  switch (mode) {
    case 'normal':
      return m.gate_mode_normal();
    case 'only-in':
      return m.gate_mode_only_in();
    case 'closed':
      return m.gate_mode_closed();
  }
}

/** One line of the policy log; null is a change this version cannot read. */
export function policyChangeText(change: PolicyChange | null): string {
  if (!change) return m.gate_policy_unreadable();
  switch (change.field) {
    case 'mode':
      return m.gate_policy_mode({ mode: modeText(change.mode) });
    case 'quota':
      return change.quota ? m.gate_policy_quota_on(change.quota) : m.gate_policy_quota_off();
    case 'temperature':
      return change.on ? m.gate_policy_temperature_on() : m.gate_policy_temperature_off();
    case 'unsigned-codes':
      return change.on ? m.gate_policy_unsigned_on() : m.gate_policy_unsigned_off();
    case 'exemption': {
      const label = exemptionText(change.exemption);
      return change.exemption.active ? m.gate_policy_exemption_on({ label }) : m.gate_policy_exemption_off({ label });
    }
  }
}
