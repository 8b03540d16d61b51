/**
 * Which site this tablet has open, and how it came to be: the start (the registry's current
 * site, or none yet), creating a site, joining one from a join code, opening the demo, and
 * changing where the tablet meets the site's others. Opening a site registers this tablet in
 * the site doc, starts sync and asks the browser to keep the data. One instance, `sites`.
 *
 *   loading → no-site → ready      (create, join or demo)
 *          ↘ ready                 (the current site reopened)
 *          ↘ error                 (the registry could not be read)
 */
import type { Site } from '$lib/core/types';
import { isTimeZone } from '$lib/core/day';
import type { Ledger } from '$lib/ledger/ledger';
import { makeDemoRoster, seededRandom } from '$lib/roster/demo-roster';
import { NEW_SITE_POLICY } from '$lib/core/gate-policy';
import { sync, type SyncState } from '$lib/sync/sync-state.svelte';
import { OpenSite } from './open-site.svelte';
import { tablet, type TabletSettings } from './tablet-settings.svelte';
import { demoSiteKey, newSiteKey, type SiteKey } from './site-keys';
import { holdKey } from './pass-keyring';

/** The demo site has a fixed id so its printed codes stay valid on every tablet. */
export const DEMO_SITE_ID = 'demo0001';
export const DEMO_ROSTER_SEED = 20220301;
/**
 * The demo site's secret is fixed (it holds only generated people), so every tablet that
 * opens the demo joins the same room and they sync with each other out of the box.
 */
const DEMO_SECRET = 'bastion-demo-site-not-secret';

/** A screen asked the open site of a tablet that has none (a programmer error: screens wait for 'ready'). */
export class NoSiteOpenError extends Error {
  constructor() {
    super('no site is open on this tablet');
    this.name = 'NoSiteOpenError';
  }
}

export type SiteStatus = 'loading' | 'no-site' | 'ready' | 'error';

/** What the lifecycle needs of sync: start it for a site, and say again who this tablet is. */
export type SiteSync = Pick<SyncState, 'start' | 'readvertise'>;

/**
 * Asks the browser not to evict the site's data under storage pressure. Installed PWAs
 * usually get it; a plain tab may not, and the settings screen says so.
 */
async function askPersistence(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  return (await navigator.storage.persisted()) || (await navigator.storage.persist());
}

function randomId(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Puts the root's certified entry into the site doc, unless the doc has it already. */
async function certifyRoot(ledger: Ledger, site: Site, key: SiteKey, fromSeconds: number): Promise<void> {
  if (ledger.passTrust().keys.has(key.held.kid)) return;
  const { kid, stored } = await key.entry(site.id, fromSeconds);
  await ledger.putPassKey(kid, stored);
}

export class SiteLifecycle {
  #status = $state<SiteStatus>('loading');
  #error = $state<unknown>(null);
  #current = $state.raw<OpenSite | null>(null);
  #persisted = $state<boolean | null>(null);
  #started: Promise<void> | null = null;

  constructor(
    private readonly settings: TabletSettings,
    private readonly sync: SiteSync,
    private readonly persist: () => Promise<boolean> = askPersistence
  ) {
    settings.onIdentityChange(() => {
      this.#register();
      this.sync.readvertise();
    });
  }

  get status() {
    return this.#status;
  }
  /** Why the start failed (status 'error'). */
  get error() {
    return this.#error;
  }
  /** The site open now, or null before one is. */
  get current(): OpenSite | null {
    return this.#current;
  }
  /** True once the browser granted persistent storage; null until asked. */
  get persisted() {
    return this.#persisted;
  }

  /** Reads the tablet's settings and opens its current site, once. */
  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start() {
    try {
      const registry = this.settings.registry;
      const [, current] = await Promise.all([this.settings.load(), registry.getSetting<string>('currentSite')]);
      const site = current ? await registry.sites.get(current) : undefined;
      if (site) await this.#open(site);
      else this.#status = 'no-site';
    } catch (e) {
      this.#error = e;
      this.#status = 'error';
    }
  }

  /** Creates a new site on this tablet and opens it (a RangeError for an unknown time zone). */
  async create(name: string, timeZone: string): Promise<void> {
    if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone ${timeZone}`);
    const key = await newSiteKey();
    const site: Site = { id: randomId(8), name: name.trim(), timeZone, secret: randomSecret(), createdAt: Date.now(), passRoot: key.passRoot };
    // The private key first: a site on disk whose key was lost could never issue a pass.
    await holdKey(this.settings.registry, site.id, key.held);
    await this.settings.registry.sites.put(site);
    // Only here, never on a join or a reopen: a joining tablet's doc is empty until sync,
    // and writing the new-site policy there would undo what the site's supervisor set.
    // Sites made before the setting, and the demo, keep bare personal codes working.
    await this.#open(site, async (ledger) => {
      await certifyRoot(ledger, site, key, Math.floor(site.createdAt / 1000));
      await ledger.changePolicy(NEW_SITE_POLICY);
    });
  }

  /**
   * Joins a site another tablet showed as a join code: this tablet gets the site's id and
   * secret, and sync brings the roster, rounds and entries from the tablets it meets.
   */
  async join(joined: Pick<Site, 'id' | 'name' | 'timeZone' | 'secret' | 'signaling' | 'passRoot'>): Promise<void> {
    const sites = this.settings.registry.sites;
    const known = await sites.get(joined.id);
    const site: Site =
      known && known.secret === joined.secret
        ? { ...known, signaling: joined.signaling ?? known.signaling, passRoot: known.passRoot ?? joined.passRoot }
        : { ...joined, createdAt: Date.now() };
    await sites.put(site);
    await this.#open(site);
  }

  /** Opens the demo site, creating it with a generated roster the first time. */
  async openDemo(name: string): Promise<void> {
    const sites = this.settings.registry.sites;
    const key = await demoSiteKey();
    let site = await sites.get(DEMO_SITE_ID);
    if (!site || site.passRoot !== key.passRoot) {
      // A demo opened before its passes were signed gets its key now.
      site = site ? { ...site, passRoot: key.passRoot } : { id: DEMO_SITE_ID, name, timeZone: 'Asia/Shanghai', secret: DEMO_SECRET, createdAt: Date.now(), passRoot: key.passRoot };
      await holdKey(this.settings.registry, DEMO_SITE_ID, key.held);
      await sites.put(site);
    }
    const demo = site;
    // The screens open only once the roster is on disk: leaving the page mid-import would
    // otherwise abort it and leave an empty demo.
    await this.#open(demo, async (ledger) => {
      if (ledger.people().length === 0) await ledger.importPeople(makeDemoRoster(seededRandom(DEMO_ROSTER_SEED)));
      // From the epoch: every demo tablet writes the same entry, whenever it first opened.
      await certifyRoot(ledger, demo, key, 0);
    });
  }

  /**
   * Sets the signaling servers this tablet meets the site's others through (empty: the
   * server the app came from) and its ICE servers (empty: a LAN), and reconnects with them.
   */
  async setSignaling(addresses: string[], iceServers: NonNullable<Site['iceServers']>): Promise<void> {
    const open = this.#current;
    if (!open) throw new NoSiteOpenError();
    const site: Site = { ...open.site, signaling: addresses, iceServers };
    await this.settings.registry.sites.put(site);
    open.siteChanged(site);
    this.sync.start(open.ledger, site, this.#identity);
  }

  async #open(site: Site, prepare?: (ledger: Ledger) => Promise<void>) {
    this.#current?.destroy();
    const open = await OpenSite.open(site, this.settings.registry, () => this.settings.staff, prepare);
    this.#current = open;
    this.#register();
    this.sync.start(open.ledger, site, this.#identity);
    const registry = this.settings.registry;
    if ((await registry.getSetting<string>('currentSite')) !== site.id) await registry.setSetting('currentSite', site.id);
    this.#status = 'ready';
    void this.persist().then(
      (granted) => (this.#persisted = granted),
      (e: unknown) => console.warn('persistent storage not asked', e)
    );
  }

  /** How this tablet names itself to the others (read afresh for every advert). */
  #identity = () => ({ name: this.settings.deviceName, station: this.settings.station });

  /**
   * Writes this tablet's name and station into the site doc, in the background: the write
   * queue may be busy (today's index check after opening, a catch-up), and the setting is
   * already on disk in the registry; a failed write is made again at the next start.
   */
  #register() {
    const { deviceName, station } = this.settings;
    if (!deviceName) return;
    void this.#current?.ledger.registerDevice(deviceName, station).catch((e) => console.warn('tablet not registered in the site', e));
  }
}

export const sites = new SiteLifecycle(tablet, sync);
