/**
 * The gate policy: the rules a site's supervisor sets for its gates (issue 12, "Gate
 * policy"). The site doc holds it (ledger/site-doc.ts `policyIn`, `writePolicy`, read by
 * gate-policy-codec.ts `readPolicy`); the gate's rules read it (gate/checkpoint.ts); each
 * change is recorded as a `policy` entry (gate/policy-log.ts lists them).
 *
 * Fields, each one key of the site doc's `policy` map (gate-policy-codec.ts has the text):
 * - `mode`: normal; only-in (只进不出: every exit needs an exemption); closed (封闭: both
 *   ways need one).
 * - `exemption:<id>`: one exemption a gate may choose (就医, 急救转运 …), with its place in
 *   the list, whether it is offered, and its label. The four defaults have stable ids and
 *   their words in the message catalogue in both languages (label null); a supervisor who
 *   renames one, or adds one, writes their own text, shown as written in both languages.
 *   An exemption is retired, never deleted: a pass recorded under it still needs its words.
 * - `quota`: household outings (每户每 D 天 N 次，每次不超过 H 小时), off by default.
 * - `temperature`: the gate takes a reading after a green verdict; off by default.
 * - `unsigned-codes`: bare personal codes (`BST:<site>:<person>`) pass. Absent means a site
 *   made before the setting existed, or the demo until it has signed passes: on, so their
 *   printed codes keep working. A site created now writes it off (NEW_SITE_POLICY).
 *
 * Why one key per field: two supervisors who change different fields while apart both keep
 * their change when the docs merge; on the same field the last write wins (for concurrent
 * writes Yjs picks one, the same on every tablet). The quota is one field, not three: two
 * supervisors' N/D/H mixed number by number would be a rule neither of them chose.
 */
/** Gate modes, stored by name. */
export const GATE_MODES = ['normal', 'only-in', 'closed'] as const;
export type GateMode = (typeof GATE_MODES)[number];

/** The exemptions every site starts with, in this order (ids stable: entries record them). */
export const DEFAULT_EXEMPTIONS = ['medical', 'ambulance', 'epidemic-staff', 'supply'] as const;
export type DefaultExemption = (typeof DEFAULT_EXEMPTIONS)[number];

/** One exemption a gate may choose. */
export interface Exemption {
  id: string;
  /** Its place in the list (ties by id). */
  order: number;
  /** Offered at the gate; a retired one is kept so that its passes still have words. */
  active: boolean;
  /** The supervisor's text; null for a default one in the catalogue's words. */
  label: string | null;
}

/** N outings per D days per household, each at most H hours. */
export interface OutingQuota {
  outings: number;
  days: number;
  hours: number;
}

/** Bounds a supervisor may set (and a peer's value must keep). */
export const QUOTA_BOUNDS: Readonly<Record<keyof OutingQuota, readonly [number, number]>> = {
  outings: [1, 20],
  days: [1, 30],
  hours: [1, 72]
};

export interface GatePolicy {
  mode: GateMode;
  /** Every exemption the site named, in order, retired ones too (offer only the active). */
  exemptions: Exemption[];
  /** null: no quota. */
  quota: OutingQuota | null;
  temperature: boolean;
  unsignedCodes: boolean;
}

/** One field's new value: what the site doc stores under the field's key, and a `policy` entry records. */
export type PolicyChange =
  | { field: 'mode'; mode: GateMode }
  | { field: 'quota'; quota: OutingQuota | null }
  | { field: 'temperature'; on: boolean }
  | { field: 'unsigned-codes'; on: boolean }
  | { field: 'exemption'; exemption: Exemption };

/** More are ignored, so that a hostile peer cannot fill the gate's list. */
export const MAX_EXEMPTIONS = 64;

const defaultExemptions = (): Exemption[] => DEFAULT_EXEMPTIONS.map((id, order) => ({ id, order, active: true, label: null }));

/** The policy of a site doc with no policy fields (see the header for `unsignedCodes`). */
export function defaultPolicy(): GatePolicy {
  return { mode: 'normal', exemptions: defaultExemptions(), quota: null, temperature: false, unsignedCodes: true };
}

/** What a site created now writes at creation: bare personal codes refused. */
export const NEW_SITE_POLICY: readonly PolicyChange[] = [{ field: 'unsigned-codes', on: false }];

/** The list order of exemptions: by `order`, ties by id. */
export const byOrder = (a: Exemption, b: Exemption) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `policy` with `change` made (a new value; `policy` is left as it was). */
export function applyPolicyChange(policy: GatePolicy, change: PolicyChange): GatePolicy {
  switch (change.field) {
    case 'mode':
      return { ...policy, mode: change.mode };
    case 'quota':
      return { ...policy, quota: change.quota && { ...change.quota } };
    case 'temperature':
      return { ...policy, temperature: change.on };
    case 'unsigned-codes':
      return { ...policy, unsignedCodes: change.on };
    case 'exemption': {
      const others = policy.exemptions.filter((x) => x.id !== change.exemption.id);
      return { ...policy, exemptions: [...others, { ...change.exemption }].sort(byOrder) };
    }
  }
}

const sameQuota = (a: OutingQuota | null, b: OutingQuota | null) =>
  a === b || (!!a && !!b && a.outings === b.outings && a.days === b.days && a.hours === b.hours);
const sameExemption = (a: Exemption | undefined, b: Exemption) => !!a && a.order === b.order && a.active === b.active && a.label === b.label;

/**
 * The changes that turn `before` into `after`, one per field: what a policy screen writes
 * (and records) after the supervisor edited the policy it showed. Exemptions missing from
 * `after` are left alone (they are retired, never removed).
 */
export function policyChanges(before: GatePolicy, after: GatePolicy): PolicyChange[] {
  const out: PolicyChange[] = [];
  if (before.mode !== after.mode) out.push({ field: 'mode', mode: after.mode });
  if (!sameQuota(before.quota, after.quota)) out.push({ field: 'quota', quota: after.quota && { ...after.quota } });
  if (before.temperature !== after.temperature) out.push({ field: 'temperature', on: after.temperature });
  if (before.unsignedCodes !== after.unsignedCodes) out.push({ field: 'unsigned-codes', on: after.unsignedCodes });
  for (const x of after.exemptions) {
    if (!sameExemption(before.exemptions.find((b) => b.id === x.id), x)) out.push({ field: 'exemption', exemption: { ...x } });
  }
  return out;
}

/** The active exemption of that id, if the site offers it. */
export function activeExemption(policy: GatePolicy, id: string | undefined): Exemption | undefined {
  return id === undefined ? undefined : policy.exemptions.find((x) => x.id === id && x.active);
}

/** What `policy` says of the field `change` is about (nothing for an exemption it lacks). */
export function policyFieldOf(policy: GatePolicy, change: PolicyChange): PolicyChange | undefined {
  switch (change.field) {
    case 'mode':
      return { field: 'mode', mode: policy.mode };
    case 'quota':
      return { field: 'quota', quota: policy.quota };
    case 'temperature':
      return { field: 'temperature', on: policy.temperature };
    case 'unsigned-codes':
      return { field: 'unsigned-codes', on: policy.unsignedCodes };
    case 'exemption': {
      const x = policy.exemptions.find((e) => e.id === change.exemption.id);
      return x && { field: 'exemption', exemption: x };
    }
  }
}
