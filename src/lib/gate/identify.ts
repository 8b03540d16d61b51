/**
 * Who a gate scan names, before the policy judges it: a resident by a signed pass this
 * tablet verified, a household by its pass (the duty person then picks who is going), a
 * resident by a bare personal code (not verified: the policy may refuse it), a pass refused
 * with its reason, or a code that is no pass of ours (what it probably is).
 */
import type { Person } from '$lib/core/types';
import type { Intake } from '$lib/scan/intake';
import { householdPassId } from './outings';
import { foreignCodeOf, type ForeignCode } from './foreign-code';
import { isPassText, type PassClaims, type PassRefusal, type PassVerdict } from './passes';
import type { GateCode } from './rules';

export type Identified =
  | { kind: 'code'; code: GateCode; verified: boolean; person: Person | undefined; pass?: PassClaims }
  | { kind: 'household'; claims: PassClaims; members: Person[] }
  | { kind: 'pass-refused'; reason: Exclude<PassRefusal, 'not-a-pass'>; text: string; claims?: PassClaims }
  | { kind: 'not-ours'; what: ForeignCode; text: string };

export interface IdentifyContext {
  person(id: string): Person | undefined;
  people(): readonly Person[];
  judgePass(text: string): Promise<PassVerdict>;
}

type Taken = Extract<Intake, { kind: 'person' | 'other-site' | 'label' }>;

/** Identifies one taken scan. Never throws on what the scan brings. */
export async function identify(taken: Taken, ctx: IdentifyContext): Promise<Identified> {
  if (taken.kind === 'person') return { kind: 'code', code: taken, verified: false, person: ctx.person(taken.personId) };
  if (taken.kind === 'other-site') return { kind: 'code', code: taken, verified: false, person: undefined };
  if (!isPassText(taken.text)) {
    const what = foreignCodeOf(taken.text);
    return what === 'unknown' ? { kind: 'code', code: taken, verified: false, person: undefined } : { kind: 'not-ours', what, text: taken.text };
  }
  const verdict = await ctx.judgePass(taken.text);
  if (verdict.kind === 'refused') {
    // A text that starts like a pass and is not one is a forgery as far as the gate is concerned.
    const reason = verdict.reason === 'not-a-pass' ? 'forged' : verdict.reason;
    return 'claims' in verdict ? { kind: 'pass-refused', reason, text: taken.text, claims: verdict.claims } : { kind: 'pass-refused', reason, text: taken.text };
  }
  const { claims } = verdict;
  const text = claims.holder.id;
  if (claims.holder.kind === 'household') {
    const members = ctx.people().filter((p) => householdPassId(p) === claims.holder.id);
    // Members in their roster order; with one member there is nobody to choose.
    if (members.length !== 1) return { kind: 'household', claims, members };
    return { kind: 'code', code: { kind: 'person', text, personId: members[0]!.id }, verified: true, person: members[0], pass: claims };
  }
  return { kind: 'code', code: { kind: 'person', text, personId: text }, verified: true, person: ctx.person(text), pass: claims };
}

/** The scan of a household member the duty person picked. */
export function memberChosen(claims: PassClaims, people: readonly Person[], personId: string): Extract<Identified, { kind: 'code' }> | undefined {
  const person = people.find((p) => p.id === personId);
  if (!person || householdPassId(person) !== claims.holder.id) return undefined;
  return { kind: 'code', code: { kind: 'person', text: claims.holder.id, personId }, verified: true, person, pass: claims };
}
