/**
 * The demo residents a soak scans, and how the gate screen names each one.
 *
 * The screen shows a person as the masked name and the address (王*明, 1-2-301); the soak
 * tells scans apart by that pair alone, so it only uses residents whose pair no one else on
 * the demo roster shares. They are taken in a seeded order, so consecutive scans are of
 * different households.
 */
import type { Person } from '../../src/lib/core/types';
import { formatAddress, maskName } from '../../src/lib/roster/roster';
import { demoRoster } from '../support/app';
import { below, random } from './params';

/** What the verdict panel and the recent list show of a person. */
export interface Shown {
  name: string;
  address: string;
}

export const shownOf = (p: Person): Shown => ({ name: maskName(p.name), address: formatAddress(p) });
export const sameShown = (a: Shown, b: Shown) => a.name === b.name && a.address === b.address;
/** The recent list's "who" column. */
export const recentText = (p: Person) => `${maskName(p.name)} · ${formatAddress(p)}`;

/** Every demo resident the screen names unambiguously, shuffled by `seed`. */
export function soakPeople(seed: number): Person[] {
  const all = demoRoster();
  const seen = new Map<string, number>();
  for (const p of all) seen.set(recentText(p), (seen.get(recentText(p)) ?? 0) + 1);
  const unique = all.filter((p) => seen.get(recentText(p)) === 1);
  const rng = random(seed);
  for (let i = unique.length - 1; i > 0; i--) {
    const j = below(rng, i + 1);
    [unique[i], unique[j]] = [unique[j]!, unique[i]!];
  }
  return unique;
}
