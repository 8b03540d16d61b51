/**
 * What a printed sheet of passes holds: one card per person, or one per household (its
 * members at one address), each with the claims to sign and the words printed beside the
 * code. Pure: the signing is the open site's (site/site-passes.svelte.ts `issue`).
 */
import type { Person } from '$lib/core/types';
import { householdOf, householdPassId } from '$lib/gate/outings';
import type { PassClaims } from '$lib/gate/passes';
import { formatAddress, maskName } from './roster';

export type CardHolder = 'person' | 'household';

export interface CardPlan {
  request: Pick<PassClaims, 'holder' | 'kind' | 'validFrom' | 'validUntil'>;
  /** Masked: 张*, or 张* 等 3 人 for a household. */
  name: string;
  address: string;
  members: number;
}

const DAY = 86_400;

/**
 * The cards for `people` (in the order given): valid from `now` (ms) for `days` days, or
 * with no end (null, until revoked).
 */
export function planCards(people: readonly Person[], holder: CardHolder, now: number, days: number | null): CardPlan[] {
  const validFrom = Math.floor(now / 1000);
  const validUntil = days === null ? null : validFrom + days * DAY;
  const base = { kind: 'resident' as const, validFrom, validUntil };
  if (holder === 'person') return people.map((p) => ({ request: { ...base, holder: { kind: 'person', id: p.id } }, name: maskName(p.name), address: formatAddress(p), members: 1 }));
  const households = new Map<string, Person[]>();
  for (const p of people) {
    const key = householdOf(p);
    households.set(key, [...(households.get(key) ?? []), p]);
  }
  return [...households.values()].map((members) => ({
    request: { ...base, holder: { kind: 'household', id: householdPassId(members[0]!) } },
    name: maskName(members[0]!.name),
    address: formatAddress(members[0]!),
    members: members.length
  }));
}
