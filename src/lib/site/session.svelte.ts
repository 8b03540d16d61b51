/**
 * The old whole-tablet session, kept only as a thin view for the station screens and classes
 * still being moved onto `StationContext` (gate, guide, recorder, boxes, the supervisor's
 * lists). It holds nothing: every read goes to the tablet settings (tablet-settings.svelte.ts)
 * or the site open now (site-lifecycle.svelte.ts), which is where new code should look.
 * Delete it once the last of those files has moved.
 */
import type { Person } from '$lib/core/types';
import type { Round } from '$lib/core/round';
import type { StationContext } from './station-context';
import type { OpenSite } from './open-site.svelte';
import { NoSiteOpenError, sites } from './site-lifecycle.svelte';
import { tablet } from './tablet-settings.svelte';

const NO_PEOPLE: readonly Person[] = Object.freeze([]);
const NO_ROUNDS: readonly Round[] = Object.freeze([]);

export class SiteSession {
  get site() {
    return sites.current?.site ?? null;
  }
  get ledger() {
    return sites.current?.ledger ?? null;
  }
  get staff() {
    return tablet.staff;
  }
  setStaff(name: string): Promise<void> {
    return tablet.setStaff(name);
  }
  get people(): readonly Person[] {
    return sites.current?.roster.people ?? NO_PEOPLE;
  }
  person(id: string): Person | undefined {
    return sites.current?.roster.person(id);
  }
  importPeople(people: readonly Person[]): Promise<void> {
    return this.#open().roster.importPeople(people);
  }
  get rounds(): readonly Round[] {
    return sites.current?.rounds.all ?? NO_ROUNDS;
  }
  get currentRound(): Round | undefined {
    return sites.current?.rounds.current;
  }
  get pinSet(): boolean {
    return sites.current?.pin.isSet ?? false;
  }
  checkSupervisorPin(pin: string): Promise<boolean> {
    return this.#open().pin.check(pin);
  }
  /** What a station may do on the open site (null before one is open). */
  stationContext(): StationContext | null {
    return sites.current?.stationContext() ?? null;
  }

  #open(): OpenSite {
    const open = sites.current;
    if (!open) throw new NoSiteOpenError();
    return open;
  }
}

export const session = new SiteSession();
