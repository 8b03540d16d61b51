/**
 * The site open on this tablet: its registry row, its ledger, and what the screens hold of
 * it in memory (the roster, the rounds, the supervisor PIN, whether a supervisor removed
 * this tablet). Each piece takes the open ledger when it is made, so none of them has to ask
 * whether a site is open; `stationContext()` hands a station what it may do here.
 *
 * It follows the peers: a change to the site doc that did not come from this tab (a roster
 * import, a round, a removal on another tablet) reloads the pieces once it goes quiet.
 */
import type { Site } from '$lib/core/types';
import { Ledger, ORIGIN_LOCAL } from '$lib/ledger/ledger';
import type { RegistryDb } from '$lib/ledger/registry-db';
import { shareAcrossTabs } from '$lib/ledger/tabs';
import { SITE_DOC } from '$lib/ledger/docs';
import { removalsOf } from '$lib/ledger/removal';
import { SiteRoster } from '$lib/roster/site-roster.svelte';
import { SiteRounds } from '$lib/sampling/site-rounds.svelte';
import { SitePin } from './site-pin.svelte';
import { stationContext, type StationContext } from './station-context';
import { SitePasses } from './site-passes.svelte';

/** A catch-up arrives in many pieces: the reload waits this long after the last one. */
const QUIET_MS = 300;

export class OpenSite {
  #site: Site;
  #removedSelf = $state(false);
  readonly roster: SiteRoster;
  readonly rounds: SiteRounds;
  #stops: (() => void)[];
  #timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    site: Site,
    readonly ledger: Ledger,
    readonly pin: SitePin,
    readonly passes: SitePasses,
    private readonly staff: () => string,
    stopTabs: () => void
  ) {
    this.#site = $state.raw(site);
    this.roster = new SiteRoster(ledger);
    this.rounds = new SiteRounds(ledger);
    this.#removedSelf = this.#isRemoved();
    this.#stops = [stopTabs, ledger.onPersisted((doc, _update, origin) => this.#heard(doc, origin))];
  }

  /**
   * Opens a site's ledger and reads what the screens hold of it. `prepare` runs on the ledger
   * first (the demo's roster goes on disk before anything is read). `staff` names the duty
   * person for the entries a station records.
   */
  static async open(site: Site, registry: RegistryDb, staff: () => string, prepare?: (ledger: Ledger) => Promise<void>): Promise<OpenSite> {
    const ledger = await Ledger.openSite(site);
    const stopTabs = shareAcrossTabs(ledger);
    try {
      await prepare?.(ledger);
      const [pin, passes] = await Promise.all([SitePin.load(registry, site.id), SitePasses.load(ledger, registry, site)]);
      return new OpenSite(site, ledger, pin, passes, staff, stopTabs);
    } catch (e) {
      stopTabs();
      ledger.close();
      throw e;
    }
  }

  /** The site as this tablet's registry holds it (name, zone, secret, signaling). */
  get site(): Site {
    return this.#site;
  }

  /** True once a supervisor removed this tablet from the site (its new entries are refused). */
  get removedSelf() {
    return this.#removedSelf;
  }

  /** Takes the registry's new row for this site once it is on disk (the lifecycle's: its signaling changed). */
  siteChanged(site: Site): void {
    this.#site = site;
    void this.passes.reload(site);
  }

  /** What a station may do on this site. */
  stationContext(): StationContext {
    return stationContext(this.ledger, {
      staff: this.staff,
      person: (id) => this.roster.person(id),
      people: () => this.roster.people,
      currentRound: () => this.rounds.current,
      rounds: () => this.rounds.all,
      checkPin: (pin) => this.pin.check(pin),
      addPeople: (people) => this.roster.importPeople(people),
      judgePass: (text, now) => this.passes.judge(text, now)
    });
  }

  /** Stops following the peers and the other tabs, and lets the ledger go. */
  destroy(): void {
    clearTimeout(this.#timer);
    for (const stop of this.#stops) stop();
    this.ledger.destroy();
  }

  #heard(doc: string, origin: unknown) {
    if (doc !== SITE_DOC || origin === ORIGIN_LOCAL) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.roster.reload();
      this.rounds.reload();
      void this.passes.reload();
      this.#removedSelf = this.#isRemoved();
    }, QUIET_MS);
  }

  #isRemoved(): boolean {
    return removalsOf(this.ledger.siteDoc).has(this.ledger.deviceId);
  }
}
