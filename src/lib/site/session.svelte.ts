/**
 * The tablet's session: which site is open, this tablet's name, who is on duty, the
 * roster in memory for instant look-ups, and whether storage is persistent. One instance,
 * `session`, which the screens read.
 */
import { RegistryDb } from '$lib/ledger/registry-db';
import { Ledger, ORIGIN_LOCAL } from '$lib/ledger/ledger';
import { shareAcrossTabs } from '$lib/ledger/tabs';
import { SITE_DOC } from '$lib/ledger/docs';
import { removalsOf } from '$lib/ledger/removal';
import { sync } from '$lib/sync/sync-state.svelte';
import { makeDemoRoster, seededRandom } from '$lib/roster/demo-roster';
import { isTimeZone } from '$lib/core/day';
import type { Person, Site, StationKind } from '$lib/core/types';
import { currentRound, type Pooling, type Round, type StickerColour } from '$lib/core/round';
import { checkPin, hasPin, setPin } from './supervisor-pin';
import { stationContext, type StationContext } from './station-context';

/** The demo site has a fixed id so its printed codes stay valid on every tablet. */
export const DEMO_SITE_ID = 'demo0001';
export const DEMO_ROSTER_SEED = 20220301;
/**
 * The demo site's secret is fixed (it holds only generated people), so every tablet that
 * opens the demo joins the same room and they sync with each other out of the box.
 */
const DEMO_SECRET = 'bastion-demo-site-not-secret';

type Status = 'loading' | 'no-site' | 'ready' | 'error';

function randomId(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export class SiteSession {
  #status = $state<Status>('loading');
  #error = $state<unknown>(null);
  #site = $state<Site | null>(null);
  #ledger = $state.raw<Ledger | null>(null);
  #people = $state.raw<Person[]>([]);
  // Replaced wholesale on every roster change and never mutated, so a plain Map in a raw
  // state is enough (and 40,000 entries in a SvelteMap would cost for nothing).
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #peopleById = $state.raw(new Map<string, Person>());
  #deviceName = $state('');
  #station = $state<StationKind>('gate');
  #staff = $state('');
  #persisted = $state<boolean | null>(null);
  #cameraId = $state<string | undefined>(undefined);
  #pinSet = $state(false);
  #rounds = $state.raw<Round[]>([]);
  #removedSelf = $state(false);
  #registry: RegistryDb | null = null;
  #stopTabs: () => void = () => {};
  #started: Promise<void> | null = null;

  get status() {
    return this.#status;
  }
  get error() {
    return this.#error;
  }
  get site() {
    return this.#site;
  }
  get ledger() {
    return this.#ledger;
  }
  get people() {
    return this.#people;
  }
  get deviceName() {
    return this.#deviceName;
  }
  get staff() {
    return this.#staff;
  }
  /** The station this tablet serves now (the last station screen opened). */
  get station() {
    return this.#station;
  }
  /** The site's rounds, newest first. */
  get rounds() {
    return this.#rounds;
  }

  /** True once a supervisor removed this tablet from the site (its new entries are refused). */
  get removedSelf() {
    return this.#removedSelf;
  }

  /** The round now open, if any (sampling screens record into it). */
  get currentRound(): Round | undefined {
    return currentRound(this.#rounds);
  }

  /** Opens a new round (a supervisor's act). */
  async openRound(fields: { name: string; date: string; pooling: Pooling; stickerColour: StickerColour }): Promise<Round> {
    const round: Round = { id: randomId(6), ...fields, name: fields.name.trim(), openedAt: Date.now() };
    await this.#ledger!.saveRound(round);
    this.#rounds = this.#ledger!.rounds();
    return round;
  }

  /** Closes a round: no more tubes or samples go into it. */
  async closeRound(round: Round): Promise<void> {
    await this.#ledger!.saveRound({ ...round, closedAt: Date.now() });
    this.#rounds = this.#ledger!.rounds();
  }

  /** Whether voiding entries needs the supervisor PIN on this site. */
  get pinSet() {
    return this.#pinSet;
  }

  async setSupervisorPin(pin: string) {
    await setPin(this.#registry!, this.#site!.id, pin);
    this.#pinSet = true;
  }

  checkSupervisorPin(pin: string): Promise<boolean> {
    return checkPin(this.#registry!, this.#site!.id, pin);
  }

  /** The camera last chosen on this tablet. */
  get cameraId() {
    return this.#cameraId;
  }
  /** True once the browser granted persistent storage; null until asked. */
  get persisted() {
    return this.#persisted;
  }

  person(id: string): Person | undefined {
    return this.#peopleById.get(id);
  }

  /** What a station may do on the open site (null before one is open). */
  stationContext(): StationContext | null {
    const ledger = this.#ledger;
    if (!ledger) return null;
    return stationContext(ledger, {
      staff: () => this.#staff,
      person: (id) => this.#peopleById.get(id),
      people: () => this.#people,
      currentRound: () => this.currentRound,
      rounds: () => this.#rounds,
      checkPin: (pin) => this.checkSupervisorPin(pin),
      addPeople: (people) => this.importPeople(people)
    });
  }

  /** Opens the registry and the current site, once. */
  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start() {
    try {
      const registry = (this.#registry = new RegistryDb());
      // Read together: each is a round trip to the database, and the start waits for them.
      const [deviceName, staff, station, cameraId, current] = await Promise.all([
        registry.getSetting<string>('deviceName'),
        registry.getSetting<string>('staff'),
        registry.getSetting<StationKind>('station'),
        registry.getSetting<string>('cameraId'),
        registry.getSetting<string>('currentSite')
      ]);
      this.#deviceName = deviceName ?? '';
      this.#staff = staff ?? '';
      this.#station = station ?? 'gate';
      this.#cameraId = cameraId;
      const site = current ? await this.#registry.sites.get(current) : undefined;
      if (site) await this.#open(site);
      else this.#status = 'no-site';
    } catch (e) {
      this.#error = e;
      this.#status = 'error';
    }
  }

  /** Creates a new site on this tablet and opens it. */
  async createSite(name: string, timeZone: string): Promise<void> {
    if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone ${timeZone}`);
    const site: Site = { id: randomId(8), name: name.trim(), timeZone, secret: randomSecret(), createdAt: Date.now() };
    await this.#registry!.sites.put(site);
    await this.#open(site);
  }

  /**
   * Joins a site another tablet showed as a join code: this tablet gets the site's id and
   * secret, and sync brings the roster, rounds and entries from the tablets it meets.
   */
  async joinSite(joined: Pick<Site, 'id' | 'name' | 'timeZone' | 'secret' | 'signaling'>): Promise<void> {
    const known = await this.#registry!.sites.get(joined.id);
    const site: Site = known && known.secret === joined.secret ? { ...known, signaling: joined.signaling ?? known.signaling } : { ...joined, createdAt: Date.now() };
    await this.#registry!.sites.put(site);
    await this.#open(site);
  }

  /** Opens the demo site, creating it with a generated roster the first time. */
  async openDemo(name: string): Promise<void> {
    let site = await this.#registry!.sites.get(DEMO_SITE_ID);
    if (!site) {
      site = { id: DEMO_SITE_ID, name, timeZone: 'Asia/Shanghai', secret: DEMO_SECRET, createdAt: Date.now() };
      await this.#registry!.sites.put(site);
    }
    // The screens open only once the roster is on disk: leaving the page mid-import would
    // otherwise abort it and leave an empty demo.
    await this.#open(site, async (ledger) => {
      if (ledger.people().length === 0) await ledger.importPeople(makeDemoRoster(seededRandom(DEMO_ROSTER_SEED)));
    });
  }

  /** Adds people to the roster (all or nothing) and refreshes the in-memory roster. */
  async importPeople(people: readonly Person[]): Promise<void> {
    await this.#ledger!.importPeople(people);
    this.#loadPeople();
  }

  async setDeviceName(name: string) {
    await this.#registry!.setSetting('deviceName', name.trim());
    this.#deviceName = name.trim();
    this.#register();
    sync.readvertise();
  }

  /**
   * Sets the signaling servers this tablet meets the site's others through (empty: the
   * server the app came from) and its ICE servers (empty: a LAN), and reconnects with them.
   */
  async setSignaling(addresses: string[], iceServers: NonNullable<Site['iceServers']>) {
    const site: Site = { ...this.#site!, signaling: addresses, iceServers };
    await this.#registry!.sites.put(site);
    this.#site = site;
    sync.start(this.#ledger!, site, () => ({ name: this.#deviceName, station: this.#station }));
  }

  /** Says which station this tablet serves now (the other tablets show it). */
  async setStation(station: StationKind) {
    if (station === this.#station) return;
    this.#station = station;
    await this.#registry!.setSetting('station', station);
    this.#register();
    sync.readvertise();
  }

  /** Signs the duty person in; the screens see it only once it is on disk (a reload keeps it). */
  async setStaff(name: string) {
    await this.#registry!.setSetting('staff', name.trim());
    this.#staff = name.trim();
  }

  async setCameraId(id: string | undefined) {
    this.#cameraId = id;
    await this.#registry!.setSetting('cameraId', id);
  }

  async #open(site: Site, prepare?: (ledger: Ledger) => Promise<void>) {
    this.#stopTabs();
    this.#ledger?.destroy();
    const ledger = await Ledger.openSite(site);
    this.#stopTabs = shareAcrossTabs(ledger);
    await prepare?.(ledger);
    this.#ledger = ledger;
    this.#site = site;
    this.#pinSet = await hasPin(this.#registry!, site.id);
    this.#rounds = ledger.rounds();
    this.#removedSelf = removalsOf(ledger.siteDoc).has(ledger.deviceId);
    this.#register();
    this.#followPeers(ledger);
    sync.start(ledger, site, () => ({ name: this.#deviceName, station: this.#station }));
    this.#loadPeople();
    if ((await this.#registry!.getSetting<string>('currentSite')) !== site.id) await this.#registry!.setSetting('currentSite', site.id);
    this.#status = 'ready';
    void this.#askPersistence();
  }

  /**
   * Keeps the in-memory roster and rounds current when a peer changes the site doc. A
   * catch-up arrives in many pieces, so the reload waits for a quiet moment.
   */
  #followPeers(ledger: Ledger) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    ledger.onPersisted((doc, _update, origin) => {
      if (doc !== SITE_DOC || origin === ORIGIN_LOCAL) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (this.#ledger !== ledger) return;
        this.#loadPeople();
        this.#rounds = ledger.rounds();
        this.#removedSelf = removalsOf(ledger.siteDoc).has(ledger.deviceId);
      }, 300);
    });
  }

  /**
   * Writes this tablet's name and station into the site doc, in the background: the write
   * queue may be busy (today's index check after opening, a catch-up), and the setting is
   * already on disk in the registry; a failed write is made again at the next start.
   */
  #register() {
    if (!this.#deviceName) return;
    void this.#ledger?.registerDevice(this.#deviceName, this.#station).catch((e) => console.warn('tablet not registered in the site', e));
  }

  #loadPeople() {
    const people = this.#ledger!.people();
    this.#people = people;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#peopleById = new Map(people.map((p) => [p.id, p]));
  }

  /**
   * Asks the browser not to evict the site's data under storage pressure. Installed PWAs
   * usually get it; a plain tab may not, and the settings screen says so.
   */
  async #askPersistence() {
    if (!navigator.storage?.persist) {
      this.#persisted = false;
      return;
    }
    this.#persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  }
}

export const session = new SiteSession();
