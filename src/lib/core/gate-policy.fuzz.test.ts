/**
 * The policy reader under fuzzing: the site doc's `policy` map is written by peers, so
 * `readPolicy` meets any key and any value. It must never throw, always give a policy the
 * gate can apply, and keep every readable field while the unreadable ones fall back alone.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_EXEMPTIONS, GATE_MODES, MAX_EXEMPTIONS, QUOTA_BOUNDS, applyPolicyChange, defaultPolicy, policyFieldOf, type GatePolicy, type PolicyChange } from './gate-policy';
import { decodePolicyField, encodePolicyChange, isExemptionId, isExemptionLabel, readPolicy } from './gate-policy-codec';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const RUNS = Number(env.FUZZ_RUNS ?? 2000);

const HOSTILE = ['\u0000', '\n', '\u202e', '\u2066', '\ufeff', '\ud800', '😀', '/', ':', '__proto__', 'constructor', 'on', 'off', '0', '9', 'a', '-', ' '];
const hostileText = fc.oneof(fc.string({ unit: fc.constantFrom(...HOSTILE), maxLength: 30 }), fc.string({ maxLength: 70 }), fc.string({ unit: 'binary', maxLength: 30 }));

const exemptionId = fc.oneof(fc.constantFrom(...DEFAULT_EXEMPTIONS), fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,23}$/));
const label = fc.string({ minLength: 1, maxLength: 24 }).filter(isExemptionLabel);
const bounded = (k: keyof typeof QUOTA_BOUNDS) => fc.integer({ min: QUOTA_BOUNDS[k][0], max: QUOTA_BOUNDS[k][1] });

/** Any change a supervisor could make. */
const change: fc.Arbitrary<PolicyChange> = fc.oneof(
  fc.constantFrom(...GATE_MODES).map((mode): PolicyChange => ({ field: 'mode', mode })),
  fc.option(fc.record({ outings: bounded('outings'), days: bounded('days'), hours: bounded('hours') }), { nil: null }).map((quota): PolicyChange => ({ field: 'quota', quota })),
  fc.boolean().map((on): PolicyChange => ({ field: 'temperature', on })),
  fc.boolean().map((on): PolicyChange => ({ field: 'unsigned-codes', on })),
  fc
    .record({ id: exemptionId, order: fc.integer({ min: 0, max: 9999 }), active: fc.boolean(), label: fc.option(label, { nil: null }) })
    .map((x): PolicyChange => ({ field: 'exemption', exemption: { ...x, label: x.label ?? ((DEFAULT_EXEMPTIONS as readonly string[]).includes(x.id) ? null : '事由') } }))
);

/** A stored value one edit away from a valid one, or anything at all. */
const hostileValue = fc.oneof(
  fc.anything(),
  hostileText,
  change.chain((c) => {
    const v = encodePolicyChange(c).value;
    return fc.oneof(
      fc.nat(v.length).map((i) => v.slice(0, i)),
      fc.tuple(fc.nat(v.length), fc.constantFrom(...HOSTILE)).map(([i, ch]) => v.slice(0, i) + ch + v.slice(i)),
      fc.constant(v + v),
      fc.constant({ [v]: v }),
      fc.constant([v])
    );
  })
);
const hostileKey = fc.oneof(fc.constantFrom('mode', 'quota', 'temperature', 'unsigned-codes', 'exemption:', 'exemption:medical', '__proto__', 'constructor'), hostileText, exemptionId.map((id) => `exemption:${id}`));

/** What a gate can rely on in any policy it is given. */
function expectWellFormed(p: GatePolicy) {
  expect(GATE_MODES).toContain(p.mode);
  expect(typeof p.temperature).toBe('boolean');
  expect(typeof p.unsignedCodes).toBe('boolean');
  if (p.quota) for (const k of ['outings', 'days', 'hours'] as const) expect(Number.isInteger(p.quota[k]) && p.quota[k] >= QUOTA_BOUNDS[k][0] && p.quota[k] <= QUOTA_BOUNDS[k][1]).toBe(true);
  expect(p.exemptions.length).toBeLessThanOrEqual(MAX_EXEMPTIONS);
  expect(new Set(p.exemptions.map((x) => x.id)).size).toBe(p.exemptions.length);
  for (const [i, x] of p.exemptions.entries()) {
    expect(isExemptionId(x.id)).toBe(true);
    if (x.label === null) expect(DEFAULT_EXEMPTIONS).toContain(x.id);
    else expect(isExemptionLabel(x.label)).toBe(true);
    if (i > 0) expect(p.exemptions[i - 1]!.order).toBeLessThanOrEqual(x.order);
  }
}

describe('readPolicy under fuzzing', () => {
  it('never throws and always gives a policy a gate can apply, whatever the map holds', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 20 }), (fields) => {
        expectWellFormed(readPolicy(fields));
      }),
      { numRuns: RUNS }
    );
  });

  it('keeps each readable field and falls back to the default for each unreadable one alone', () => {
    // One value per key, as a Y.Map holds them: a valid change's, or a hostile one.
    const field = fc.tuple(change, fc.option(hostileValue, { freq: 2 }));
    fc.assert(
      fc.property(fc.uniqueArray(field, { selector: ([c]) => encodePolicyChange(c).key, maxLength: 12 }), (picked) => {
        const fields = picked.map(([c, garbage]) => [encodePolicyChange(c).key, garbage === null ? encodePolicyChange(c).value : garbage] as const);
        let expected = defaultPolicy();
        for (const [key, value] of fields) {
          const readable = decodePolicyField(key, value);
          if (readable) expected = applyPolicyChange(expected, readable);
        }
        const read = readPolicy(fields);
        expect(read).toEqual(expected);
        // Every valid field came through as written.
        for (const [c, garbage] of picked) if (garbage === null) expect(policyFieldOf(read, c)).toEqual(c);
      }),
      { numRuns: RUNS }
    );
  });

  it('reads back every change it stores, and what it accepts stores as it was read', () => {
    fc.assert(
      fc.property(change, hostileKey, hostileValue, (c, key, value) => {
        const { key: k, value: v } = encodePolicyChange(c);
        expect(decodePolicyField(k, v)).toEqual(c);
        const got = decodePolicyField(key, value);
        if (got) expect(decodePolicyField(key, encodePolicyChange(got).value)).toEqual(got);
      }),
      { numRuns: RUNS }
    );
  });

  it('gives the same policy whatever order the fields arrive in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(change, { selector: (c) => encodePolicyChange(c).key, maxLength: 12 }), fc.nat(), (changes, seed) => {
        const fields = changes.map((c) => Object.values(encodePolicyChange(c)) as [string, string]);
        const shuffled = [...fields].sort((a, b) => ((a[0].length * 31 + seed) % 17) - ((b[0].length * 31 + seed) % 17));
        expect(readPolicy(shuffled)).toEqual(readPolicy(fields));
      }),
      { numRuns: RUNS }
    );
  });
});
