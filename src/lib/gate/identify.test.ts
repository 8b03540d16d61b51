import { describe, expect, it } from 'vitest';
import { makePerson } from '$lib/core/builders';
import type { Person } from '$lib/core/types';
import { identify, memberChosen, type IdentifyContext } from './identify';
import { householdPassId } from './outings';
import type { PassClaims, PassVerdict } from './passes';

const li = makePerson({ id: 'li000001', building: '3', unit: '2', room: '502' });
const liWife = makePerson({ id: 'wa000001', building: '3', unit: '2', room: '502' });
const zhang = makePerson({ id: 'zh000001', building: '5', unit: '1', room: '101' });
const ROSTER = [li, zhang, liWife];
const PASS = 'BP1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEPWK G2EP4J0B3KL5G';

const claimsOf = (holder: PassClaims['holder']): PassClaims => ({ siteId: 'demo0001', passId: 'pass0001', holder, kind: 'resident', issuedAt: 1, validFrom: 1, validUntil: null });

/** A context whose judge answers `verdict` to every pass, and records what it was asked. */
function context(verdict: PassVerdict, people: readonly Person[] = ROSTER) {
  const asked: string[] = [];
  const ctx: IdentifyContext = {
    person: (id) => people.find((p) => p.id === id),
    people: () => people,
    judgePass: async (text) => {
      asked.push(text);
      return verdict;
    }
  };
  return { ctx, asked };
}
const valid = (holder: PassClaims['holder']): PassVerdict => ({ kind: 'valid', claims: claimsOf(holder), kid: '0a1b2c3d' });

describe('identify', () => {
  it('takes a bare personal code as its person, unverified, without judging it as a pass', async () => {
    const { ctx, asked } = context(valid({ kind: 'person', id: zhang.id }));
    const code = { kind: 'person' as const, text: 'BST:DEMO0001:LI000001', personId: li.id };
    expect(await identify(code, ctx)).toEqual({ kind: 'code', code, verified: false, person: li });
    const nobody = { ...code, personId: 'nobody01' };
    expect(await identify(nobody, ctx)).toEqual({ kind: 'code', code: nobody, verified: false, person: undefined });
    const other = { kind: 'other-site' as const, text: 'BST:NEXT0002:LI000001', siteId: 'next0002' };
    expect(await identify(other, ctx)).toEqual({ kind: 'code', code: other, verified: false, person: undefined });
    expect(asked).toEqual([]);
  });

  it('names a code that is no pass of ours by what it probably is; one it cannot name stays a code for the rules', async () => {
    const { ctx, asked } = context(valid({ kind: 'person', id: li.id }));
    const label = (text: string) => ({ kind: 'label' as const, text });
    expect(await identify(label('https://jkm.sh.gov.cn/qr?c=AB12'), ctx)).toEqual({ kind: 'not-ours', what: 'health-code', text: 'https://jkm.sh.gov.cn/qr?c=AB12' });
    expect(await identify(label('https://example.com/menu'), ctx)).toEqual({ kind: 'not-ours', what: 'web-address', text: 'https://example.com/menu' });
    expect(await identify(label('6901234567892'), ctx)).toEqual({ kind: 'not-ours', what: 'product-barcode', text: '6901234567892' });
    expect(await identify(label('TUBE-000123'), ctx)).toEqual({ kind: 'code', code: label('TUBE-000123'), verified: false, person: undefined });
    expect(asked).toEqual([]);
  });

  it('judges a text that starts like a pass; one that only looks like one is a forgery', async () => {
    const notAPass = context({ kind: 'refused', reason: 'not-a-pass', detail: 'base45' });
    expect(await identify({ kind: 'label', text: 'BP1:hello' }, notAPass.ctx)).toEqual({ kind: 'pass-refused', reason: 'forged', text: 'BP1:hello' });
    expect(notAPass.asked).toEqual(['BP1:hello']);
    // Lower case too: a wedge scanner under Caps Lock types it so.
    expect(await identify({ kind: 'label', text: 'bp1:hello' }, notAPass.ctx)).toMatchObject({ kind: 'pass-refused', reason: 'forged' });
  });

  it('keeps the claims of a refused pass only when its signature vouched for them', async () => {
    const unknown = context({ kind: 'refused', reason: 'unknown-key', detail: 'no key' });
    const refused = await identify({ kind: 'label', text: PASS }, unknown.ctx);
    expect(refused).toEqual({ kind: 'pass-refused', reason: 'unknown-key', text: PASS });
    expect('claims' in refused).toBe(false);
    const claims = claimsOf({ kind: 'person', id: li.id });
    const revoked = context({ kind: 'refused', reason: 'revoked', detail: 'pass pass0001', claims });
    expect(await identify({ kind: 'label', text: PASS }, revoked.ctx)).toEqual({ kind: 'pass-refused', reason: 'revoked', text: PASS, claims });
  });

  it('takes a valid person pass as its holder, verified, whether or not the roster has them', async () => {
    const { ctx } = context(valid({ kind: 'person', id: li.id }));
    const claims = claimsOf({ kind: 'person', id: li.id });
    expect(await identify({ kind: 'label', text: PASS }, ctx)).toEqual({ kind: 'code', code: { kind: 'person', text: li.id, personId: li.id }, verified: true, person: li, pass: claims });
    const gone = context(valid({ kind: 'person', id: 'gone0001' }));
    expect(await identify({ kind: 'label', text: PASS }, gone.ctx)).toMatchObject({ kind: 'code', code: { personId: 'gone0001' }, verified: true, person: undefined });
  });

  it('shows a household pass’s members in roster order; with one member takes that one; with none, no one to choose', async () => {
    const household = { kind: 'household' as const, id: householdPassId(li) };
    const two = await identify({ kind: 'label', text: PASS }, context(valid(household)).ctx);
    expect(two).toEqual({ kind: 'household', claims: claimsOf(household), members: [li, liWife] });
    const one = await identify({ kind: 'label', text: PASS }, context(valid(household), [li, zhang]).ctx);
    expect(one).toEqual({ kind: 'code', code: { kind: 'person', text: household.id, personId: li.id }, verified: true, person: li, pass: claimsOf(household) });
    const none = await identify({ kind: 'label', text: PASS }, context(valid(household), [zhang]).ctx);
    expect(none).toEqual({ kind: 'household', claims: claimsOf(household), members: [] });
  });
});

describe('memberChosen', () => {
  const household = claimsOf({ kind: 'household', id: householdPassId(li) });

  it('is the chosen member, verified by the household’s pass', () => {
    expect(memberChosen(household, ROSTER, liWife.id)).toEqual({ kind: 'code', code: { kind: 'person', text: household.holder.id, personId: liWife.id }, verified: true, person: liWife, pass: household });
  });

  it('is nobody for someone of another household or not on the roster', () => {
    expect(memberChosen(household, ROSTER, zhang.id)).toBeUndefined();
    expect(memberChosen(household, ROSTER, 'nobody01')).toBeUndefined();
  });
});

describe('householdPassId', () => {
  it('is an id a pass can carry, the same for the people of one household and another for the next room', () => {
    expect(householdPassId(li)).toMatch(/^h[0-9a-z]{3,15}$/);
    expect(householdPassId(liWife)).toBe(householdPassId(li));
    expect(householdPassId({ ...li, room: '503' })).not.toBe(householdPassId(li));
    // The parts are kept apart: building 3, unit 25 is not building 32, unit 5.
    expect(householdPassId({ building: '3', unit: '25', room: '1' })).not.toBe(householdPassId({ building: '32', unit: '5', room: '1' }));
  });
});
