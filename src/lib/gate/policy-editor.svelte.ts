/**
 * The policy screen's state: the supervisor's edits, kept as changes over the live policy
 * until they are saved behind the supervisor PIN.
 *
 *   editing ──save(pin)──▶ 'invalid': a form that is no value (the quota); nothing saved
 *      ▲                ├─▶ 'wrong-pin': nothing changed, the edits kept
 *      │                └─▶ 'saved': each change written with its `policy` entry in one
 *      └── discard()          transaction (Ledger.changePolicyRecorded); the edits cleared
 *
 * Edits are changes, one per field (core/gate-policy.ts `PolicyChange`), not a copy of the
 * policy: a field a supervisor on another tablet changes meanwhile shows their value unless
 * this one edited it too, and saving writes only the fields edited here.
 */
import { applyPolicyChange, policyFieldOf, type Exemption, type GateMode, type GatePolicy, type PolicyChange } from '$lib/core/gate-policy';
import { encodePolicyChange } from '$lib/core/gate-policy-codec';
import type { Entry } from '$lib/core/types';
import type { Ledger } from '$lib/ledger/ledger';
import type { StationContext } from '$lib/site/station-context';
import { addExemption, makeExemptionId, offerExemption, policyEntryFields, relabelExemption, setQuota } from './policy';
import { labelProblem, quotaForm, readQuotaForm, type LabelProblem, type QuotaField, type QuotaForm } from './policy-form';
import { exemptionText } from './policy-text';
import { LivePolicy } from './live-policy.svelte';

/** What saving needs of the tablet: the write (with the staff and station) and the PIN. */
export interface PolicyTarget {
  save(changes: readonly PolicyChange[]): Promise<Entry[]>;
  checkPin(pin: string): Promise<boolean>;
  randomBytes(n: number): Uint8Array;
}

export type SaveOutcome = { kind: 'saved'; count: number } | { kind: 'wrong-pin' } | { kind: 'invalid' } | { kind: 'nothing' };

const keyOf = (c: PolicyChange) => encodePolicyChange(c).key;
/** True when `change` says something other than `policy` does. */
const differs = (policy: GatePolicy, change: PolicyChange) => {
  const now = policyFieldOf(policy, change);
  return !now || encodePolicyChange(now).value !== encodePolicyChange(change).value;
};

export class PolicyEditor {
  readonly live: LivePolicy;
  readonly #target: PolicyTarget;
  /** One change per field (by its key), in the order first edited. */
  #edits = $state.raw<readonly PolicyChange[]>([]);
  /** The quota as typed; null while untouched (it shows the policy's). */
  #quota = $state.raw<QuotaForm | null>(null);
  #saved = $state<number | null>(null);

  readonly quotaRead = $derived(this.#quota ? readQuotaForm(this.#quota) : null);
  /** The changes a save would write: the edits that differ from the policy in force. */
  readonly changes: PolicyChange[] = $derived.by(() => {
    const all = [...this.#edits];
    const quota = this.quotaRead?.ok ? setQuota(this.quotaRead.quota) : null;
    if (quota?.ok) all.push(quota.change);
    return all.filter((c) => differs(this.live.current, c));
  });
  /** The policy as it will be once saved. */
  readonly shown: GatePolicy = $derived.by(() => this.changes.reduce(applyPolicyChange, this.live.current));

  constructor(live: LivePolicy, target: PolicyTarget) {
    this.live = live;
    this.#target = target;
  }

  get quota(): QuotaForm {
    return this.#quota ?? quotaForm(this.live.current.quota);
  }
  /** The quota fields that are not whole numbers within their bounds. */
  get quotaProblems(): QuotaField[] {
    return this.quotaRead && !this.quotaRead.ok ? this.quotaRead.fields : [];
  }
  /** How many changes the last save wrote (until the next edit). */
  get saved(): number | null {
    return this.#saved;
  }

  setMode(mode: GateMode) {
    this.#put({ field: 'mode', mode });
  }
  setTemperature(on: boolean) {
    this.#put({ field: 'temperature', on });
  }
  setUnsignedCodes(on: boolean) {
    this.#put({ field: 'unsigned-codes', on });
  }
  editQuota(patch: Partial<QuotaForm>) {
    this.#saved = null;
    this.#quota = { ...this.quota, ...patch };
  }

  /** Adds an exemption at the end of the list; the reason it cannot, or null. */
  addExemption(label: string): LabelProblem | 'too-many' | null {
    const problem = labelProblem(this.shown, label, exemptionText);
    if (problem) return problem;
    const edit = addExemption(this.shown, label, makeExemptionId(this.#target.randomBytes(5)));
    if (!edit.ok) return edit.problem === 'too-many' ? 'too-many' : 'unprintable';
    this.#put(edit.change);
    return null;
  }

  /** Renames an exemption; a default named in its own words is given those words back. */
  renameExemption(id: string, label: string): LabelProblem | null {
    const problem = labelProblem(this.shown, label, exemptionText, id);
    if (problem) return problem;
    const own = exemptionText({ id, label: null });
    const edit = relabelExemption(this.shown, id, own === label.trim() && own !== id ? null : label);
    if (!edit.ok) return 'unprintable';
    this.#put(edit.change);
    return null;
  }

  /** A default exemption's own words in each language again. */
  restoreLabel(id: string) {
    const edit = relabelExemption(this.shown, id, null);
    if (edit.ok) this.#put(edit.change);
  }

  /** Offers an exemption at the gate, or retires it; retiring one added since the last save takes it back. */
  offerExemption(x: Exemption, active: boolean) {
    if (!active && !this.live.current.exemptions.some((e) => e.id === x.id)) {
      const key = keyOf({ field: 'exemption', exemption: x });
      this.#edits = this.#edits.filter((c) => keyOf(c) !== key);
      return;
    }
    const edit = offerExemption(this.shown, x.id, active);
    if (edit.ok) this.#put(edit.change);
  }

  discard() {
    this.#edits = [];
    this.#quota = null;
  }

  /** Saves the changes behind the PIN (see the header). Rejects when the write fails: nothing was saved. */
  async save(pin: string): Promise<SaveOutcome> {
    if (this.quotaProblems.length > 0) return { kind: 'invalid' };
    const changes = this.changes;
    if (changes.length === 0) return { kind: 'nothing' };
    if (!(await this.#target.checkPin(pin))) return { kind: 'wrong-pin' };
    const recorded = await this.#target.save(changes);
    this.discard();
    this.#saved = recorded.length;
    return { kind: 'saved', count: recorded.length };
  }

  /** Stops following the policy. */
  destroy() {
    this.live.destroy();
  }

  #put(change: PolicyChange) {
    this.#saved = null;
    const key = keyOf(change);
    const at = this.#edits.findIndex((c) => keyOf(c) === key);
    this.#edits = at < 0 ? [...this.#edits, change] : this.#edits.with(at, change);
  }
}

/**
 * The editor of an open site's policy: changes recorded as the duty person signed in, under
 * the gate station (the rules are the gate's), checked against the site's supervisor PIN.
 */
export function sitePolicyEditor(ledger: Pick<Ledger, 'policy' | 'onPersisted' | 'changePolicyRecorded'>, context: Pick<StationContext, 'staff' | 'checkPin'>): PolicyEditor {
  return new PolicyEditor(new LivePolicy(ledger), {
    save: (changes) => ledger.changePolicyRecorded(changes, (c) => ({ ...policyEntryFields(c), station: 'gate', staff: context.staff() })),
    checkPin: (pin) => context.checkPin(pin),
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n))
  });
}
