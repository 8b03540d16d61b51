import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeEntry, makePerson } from '$lib/core/builders';
import { applyPolicyChange, defaultPolicy, GATE_MODES, type GateMode, type GatePolicy } from '$lib/core/gate-policy';
import { PERSON_TAGS, type Direction, type Entry, type PersonTag } from '$lib/core/types';
import { MissingHouseholdError, checkpointEntryFields, judgeCheckpoint, remediesOf, type CheckpointScan } from './checkpoint';
import { judgeGateScan } from './rules';
import { DAY, HOUR, T0 } from './checkpoint-fixtures';

const person = makePerson({ id: 'abcd1234', tags: ['elderly'] });
const quarantined = makePerson({ id: 'q0000001', tags: ['quarantined', 'elderly'] });
const codeOf = (id: string): CheckpointScan['code'] => ({ kind: 'person', text: `BST:SITE0001:${id.toUpperCase()}`, personId: id });
const mode = (m: GateMode, p: GatePolicy = defaultPolicy()) => ({ ...p, mode: m });

function scan(overrides: Partial<CheckpointScan> = {}): CheckpointScan {
  const who = overrides.person ?? person;
  return { code: codeOf(who.id), direction: 'out', person: who, position: undefined, policy: defaultPolicy(), now: T0, verified: true, ...overrides };
}

describe('judgeCheckpoint with the default policy', () => {
  it('says what the gate’s rules say, with the person’s tags on every verdict', () => {
    const tags = fc.subarray(PERSON_TAGS.filter((t) => t !== 'quarantined'));
    const code = fc.oneof(
      fc.constant(codeOf('abcd1234')),
      fc.constant<CheckpointScan['code']>({ kind: 'label', text: 'hello' }),
      fc.constant<CheckpointScan['code']>({ kind: 'other-site', text: 'BST:OTHER001:X', siteId: 'other001' })
    );
    const position = fc.option(fc.record({ direction: fc.constantFrom<Direction>('in', 'out'), at: fc.nat() }), { nil: undefined });
    fc.assert(
      fc.property(code, fc.constantFrom<Direction>('in', 'out'), tags, fc.boolean(), position, fc.boolean(), (c, direction, t, onRoster, pos, verified) => {
        const p = onRoster ? makePerson({ id: 'abcd1234', tags: t as PersonTag[] }) : undefined;
        const s = scan({ code: c, direction, person: p, position: pos, verified });
        const { tags: shown, ...verdict } = judgeCheckpoint(s);
        expect(verdict).toEqual(judgeGateScan(s));
        expect(shown).toEqual(verdict.kind === 'refused' ? [] : t);
      })
    );
  });
});

describe('the mode', () => {
  it('only-in refuses every exit with no exemption, and lets people in', () => {
    expect(judgeCheckpoint(scan({ policy: mode('only-in') }))).toMatchObject({ kind: 'refused', reason: 'only-in', person, tags: ['elderly'] });
    expect(judgeCheckpoint(scan({ policy: mode('only-in'), direction: 'in' })).kind).toBe('accepted');
  });

  it('closed refuses both ways with no exemption', () => {
    for (const direction of ['in', 'out'] as const) expect(judgeCheckpoint(scan({ policy: mode('closed'), direction }))).toMatchObject({ kind: 'refused', reason: 'closed' });
  });

  it('lets a person through by an exemption the site offers, and records it; not by one it retired', () => {
    for (const m of GATE_MODES) {
      const verdict = judgeCheckpoint(scan({ policy: mode(m), exemption: 'ambulance' }));
      expect(verdict).toMatchObject({ kind: 'accepted', exemption: 'ambulance' });
      expect(checkpointEntryFields(verdict)).toEqual({ kind: 'gate-out', subject: person.id, verdict: 'accepted', direction: 'out', exemption: 'ambulance' });
    }
    const retired = applyPolicyChange(mode('only-in'), { field: 'exemption', exemption: { id: 'ambulance', order: 1, active: false, label: null } });
    expect(judgeCheckpoint(scan({ policy: retired, exemption: 'ambulance' }))).toMatchObject({ kind: 'refused', reason: 'only-in' });
    expect(judgeCheckpoint(scan({ policy: mode('only-in'), exemption: 'no-such' }))).toMatchObject({ kind: 'refused', reason: 'only-in' });
  });
});

describe('quarantine', () => {
  it('refuses a quarantined person out in every mode, exemption or not, and lets them in', () => {
    for (const m of GATE_MODES) {
      for (const exemption of [undefined, 'medical']) {
        const verdict = judgeCheckpoint(scan({ person: quarantined, policy: mode(m), exemption }));
        expect(verdict).toMatchObject({ kind: 'refused', reason: 'quarantined', tags: ['quarantined', 'elderly'] });
        expect(checkpointEntryFields(verdict)).toEqual({ kind: 'gate-out', subject: quarantined.id, verdict: 'refused', reason: 'quarantined', direction: 'out' });
      }
    }
    expect(judgeCheckpoint(scan({ person: quarantined, direction: 'in' })).kind).toBe('accepted');
  });

  it('lets them out on the supervisor’s override with a reason, recorded on the pass', () => {
    const verdict = judgeCheckpoint(scan({ person: quarantined, override: { reason: '  120转运  ' } }));
    expect(verdict).toMatchObject({ kind: 'accepted', override: { reason: '120转运', lifted: 'quarantined' } });
    expect(checkpointEntryFields(verdict)).toEqual({ kind: 'gate-out', subject: quarantined.id, verdict: 'accepted', direction: 'out', reason: 'supervisor-override', note: '120转运' });
    expect(judgeCheckpoint(scan({ person: quarantined, override: { reason: '   ' } }))).toMatchObject({ kind: 'refused', reason: 'quarantined' });
  });

  it('records an override only where it lifted a refusal', () => {
    expect(judgeCheckpoint(scan({ policy: mode('closed'), override: { reason: '送医' } }))).toMatchObject({ override: { lifted: 'closed' } });
    const plain = judgeCheckpoint(scan({ override: { reason: '送医' } }));
    expect(plain).toEqual({ kind: 'accepted', person, direction: 'out', tags: ['elderly'] });
  });
});

describe('bare personal codes', () => {
  it('are refused where the site allows only its passes, whatever the exemption or the supervisor says', () => {
    const strict = { ...defaultPolicy(), unsignedCodes: false };
    expect(judgeCheckpoint(scan({ policy: strict, verified: false, exemption: 'medical', override: { reason: 'x' } }))).toMatchObject({ kind: 'refused', reason: 'unsigned-code', person });
    expect(judgeCheckpoint(scan({ policy: strict, verified: undefined })).kind).toBe('refused');
    expect(judgeCheckpoint(scan({ policy: strict, verified: true })).kind).toBe('accepted');
    expect(judgeCheckpoint(scan({ verified: false })).kind).toBe('accepted');
  });
});

describe('the household quota', () => {
  const quota = { outings: 1, days: 2, hours: 4 };
  const policy = { ...defaultPolicy(), quota };
  const sister = makePerson({ id: 'sis00001' });
  const members = new Set([person.id, sister.id]);
  const out = (id: string, at: number, more: Partial<Entry> = {}) => makeEntry({ id, subject: sister.id, kind: 'gate-out', direction: 'out', at, ...more });
  const withHousehold = (entries: Entry[], more: Partial<CheckpointScan> = {}) => scan({ policy, household: { members, entries }, ...more });

  it('refuses an exit past the quota, saying when the next is allowed', () => {
    const left = out('aaaaaaaa:1', T0 - 5 * HOUR);
    expect(judgeCheckpoint(withHousehold([left]))).toMatchObject({ kind: 'refused', reason: 'quota-full', nextAt: left.at + 2 * DAY, tags: ['elderly'] });
    expect(judgeCheckpoint(withHousehold([left], { now: left.at + 2 * DAY })).kind).toBe('accepted');
  });

  it('does not count exits by exemption or override, voided ones, or another household’s', () => {
    const entries = [
      out('aaaaaaaa:1', T0 - HOUR, { exemption: 'medical' }),
      out('aaaaaaaa:2', T0 - HOUR, { reason: 'supervisor-override', note: '120' }),
      out('aaaaaaaa:3', T0 - HOUR),
      makeEntry({ id: 'aaaaaaaa:4', kind: 'void', voids: 'aaaaaaaa:3', subject: sister.id }),
      out('aaaaaaaa:5', T0 - HOUR, { subject: 'neighbour' })
    ];
    expect(judgeCheckpoint(withHousehold(entries)).kind).toBe('accepted');
  });

  it('is lifted by an exemption or the supervisor’s override, and never refuses a way in or someone already out', () => {
    const left = [out('aaaaaaaa:1', T0 - HOUR)];
    expect(judgeCheckpoint(withHousehold(left, { exemption: 'supply' }))).toMatchObject({ kind: 'accepted', exemption: 'supply' });
    expect(judgeCheckpoint(withHousehold(left, { override: { reason: '买药' } }))).toMatchObject({ kind: 'accepted', override: { lifted: 'quota-full' } });
    expect(judgeCheckpoint(withHousehold(left, { direction: 'in' })).kind).toBe('accepted');
    expect(judgeCheckpoint(withHousehold(left, { position: { direction: 'out', at: T0 - 1 } }))).toMatchObject({ kind: 'duplicate', reason: 'already-outside' });
  });

  it('needs the household to count it by (a programmer error otherwise)', () => {
    expect(() => judgeCheckpoint(scan({ policy }))).toThrow(MissingHouseholdError);
    expect(judgeCheckpoint(scan({ policy, direction: 'in' })).kind).toBe('accepted');
  });
});

describe('what may lift a refusal (remediesOf, what the gate offers)', () => {
  it('offers an exemption exactly where one lets the person through, and the override exactly where it does', () => {
    const sister = makePerson({ id: 'sis00001' });
    const left = makeEntry({ id: 'aaaaaaaa:1', subject: sister.id, kind: 'gate-out', direction: 'out', at: T0 - HOUR });
    const code = fc.constantFrom<CheckpointScan['code'] | 'person'>('person', 'person', { kind: 'label', text: 'hello' }, { kind: 'other-site', text: 'BST:OTHER001:X', siteId: 'other001' });
    fc.assert(
      fc.property(
        fc.record({
          code,
          who: fc.constantFrom(person, quarantined),
          direction: fc.constantFrom<Direction>('in', 'out'),
          mode: fc.constantFrom(...GATE_MODES),
          verified: fc.boolean(),
          unsignedCodes: fc.boolean(),
          quotaUsed: fc.option(fc.boolean(), { nil: undefined })
        }),
        ({ code: c, who, direction, mode: m, verified, unsignedCodes, quotaUsed }) => {
          const policy: GatePolicy = { ...defaultPolicy(), mode: m, unsignedCodes, quota: quotaUsed === undefined ? null : { outings: 1, days: 2, hours: 4 } };
          const household = { members: new Set([who.id, sister.id]), entries: quotaUsed ? [left] : [] };
          const s = scan({ code: c === 'person' ? codeOf(who.id) : c, person: c === 'person' ? who : undefined, direction, policy, verified, household });
          const verdict = judgeCheckpoint(s);
          const remedies = remediesOf(verdict);
          const lifted = (more: Partial<CheckpointScan>) => judgeCheckpoint({ ...s, ...more }).kind !== 'refused';
          expect(remedies.exemption).toBe(verdict.kind === 'refused' && lifted({ exemption: 'medical' }));
          expect(remedies.override).toBe(verdict.kind === 'refused' && lifted({ override: { reason: '120 转运' } }));
        }
      )
    );
  });
});
