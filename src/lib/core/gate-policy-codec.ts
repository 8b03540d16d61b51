/**
 * The gate policy as text: one string per field, the same under a key of the site doc's
 * `policy` map and as the subject and note of the `policy` entry that records a change.
 *
 *   key               value
 *   mode              normal | only-in | closed
 *   quota             off | N/D/H               (1/2/4: one outing per 2 days, ≤ 4 hours)
 *   temperature       on | off
 *   unsigned-codes    on | off
 *   exemption:<id>    <order>/<on|off>/<label>  (label empty: a default's catalogue words)
 *
 * Everything here reads values a peer wrote: anything not exactly well formed is null (a
 * field) or left at its default (a whole policy), never an exception.
 */
import {
  DEFAULT_EXEMPTIONS,
  GATE_MODES,
  MAX_EXEMPTIONS,
  QUOTA_BOUNDS,
  applyPolicyChange,
  byOrder,
  defaultPolicy,
  type GateMode,
  type GatePolicy,
  type OutingQuota,
  type PolicyChange
} from './gate-policy';

/** Longest label a supervisor may give an exemption. */
export const MAX_EXEMPTION_LABEL = 24;
const MAX_VALUE = 64;
const EXEMPTION_KEY = 'exemption:';
const EXEMPTION_ID = /^[a-z0-9][a-z0-9-]{0,23}$/;
// Control characters, and the bidi and line controls that would make a label lie on screen.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;
const MAX_ORDER = 9999;

/** True for an exemption id as entries and the site doc store it. */
export const isExemptionId = (id: unknown): id is string => typeof id === 'string' && EXEMPTION_ID.test(id);

/** True for a label a supervisor may give an exemption (trimmed, printable, short). */
export const isExemptionLabel = (label: string) => label.length > 0 && label.length <= MAX_EXEMPTION_LABEL && label.trim() === label && !UNPRINTABLE.test(label);

/** True for a key the site doc's `policy` map may hold. */
export const isPolicyKey = (key: string) =>
  key === 'mode' || key === 'quota' || key === 'temperature' || key === 'unsigned-codes' || (key.startsWith(EXEMPTION_KEY) && EXEMPTION_ID.test(key.slice(EXEMPTION_KEY.length)));

const onOff = (on: boolean) => (on ? 'on' : 'off');
const isDefault = (id: string) => (DEFAULT_EXEMPTIONS as readonly string[]).includes(id);

/** The key and value that store `change` (and the subject and note of its entry). */
export function encodePolicyChange(change: PolicyChange): { key: string; value: string } {
  switch (change.field) {
    case 'mode':
      return { key: 'mode', value: change.mode };
    case 'quota': {
      const q = change.quota;
      return { key: 'quota', value: q ? `${q.outings}/${q.days}/${q.hours}` : 'off' };
    }
    case 'temperature':
    case 'unsigned-codes':
      return { key: change.field, value: onOff(change.on) };
    case 'exemption': {
      const x = change.exemption;
      return { key: EXEMPTION_KEY + x.id, value: `${x.order}/${onOff(x.active)}/${x.label ?? ''}` };
    }
  }
}

function readOnOff(value: string): boolean | null {
  return value === 'on' ? true : value === 'off' ? false : null;
}

function readQuota(value: string): OutingQuota | null | undefined {
  if (value === 'off') return null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{1,2})$/.exec(value);
  if (!m) return undefined;
  const quota: OutingQuota = { outings: Number(m[1]), days: Number(m[2]), hours: Number(m[3]) };
  const inBounds = (Object.keys(QUOTA_BOUNDS) as (keyof OutingQuota)[]).every((k) => quota[k] >= QUOTA_BOUNDS[k][0] && quota[k] <= QUOTA_BOUNDS[k][1]);
  return inBounds ? quota : undefined;
}

function readExemption(id: string, value: string): PolicyChange | null {
  if (!EXEMPTION_ID.test(id)) return null;
  const m = /^(\d{1,4})\/(on|off)\/(.*)$/s.exec(value);
  if (!m) return null;
  const order = Number(m[1]);
  const label = m[3]!;
  if (order > MAX_ORDER) return null;
  // A default may keep its catalogue words; an exemption the site added has only its label.
  if (label === '' ? !isDefault(id) : !isExemptionLabel(label)) return null;
  return { field: 'exemption', exemption: { id, order, active: m[2] === 'on', label: label || null } };
}

/** The change a stored field (or a `policy` entry's subject and note) says; null if malformed. */
export function decodePolicyField(key: unknown, value: unknown): PolicyChange | null {
  if (typeof key !== 'string' || typeof value !== 'string' || value.length > MAX_VALUE) return null;
  switch (key) {
    case 'mode':
      return (GATE_MODES as readonly string[]).includes(value) ? { field: 'mode', mode: value as GateMode } : null;
    case 'quota': {
      const quota = readQuota(value);
      return quota === undefined ? null : { field: 'quota', quota };
    }
    case 'temperature':
    case 'unsigned-codes': {
      const on = readOnOff(value);
      return on === null ? null : { field: key, on };
    }
    default:
      return key.startsWith(EXEMPTION_KEY) ? readExemption(key.slice(EXEMPTION_KEY.length), value) : null;
  }
}

/**
 * The policy the fields of a site doc's `policy` map say (hostile: a peer wrote them).
 * Each field that does not decode is ignored, so it keeps its default; never throws.
 */
export function readPolicy(fields: Iterable<readonly [unknown, unknown]>): GatePolicy {
  let policy = defaultPolicy();
  // Exemptions gathered and sorted once: a peer may have written thousands.
  const exemptions = new Map(policy.exemptions.map((x) => [x.id, x]));
  for (const [key, value] of fields) {
    const change = decodePolicyField(key, value);
    if (change?.field === 'exemption') exemptions.set(change.exemption.id, change.exemption);
    else if (change) policy = applyPolicyChange(policy, change);
  }
  policy.exemptions = [...exemptions.values()].sort(byOrder).slice(0, MAX_EXEMPTIONS);
  return policy;
}
