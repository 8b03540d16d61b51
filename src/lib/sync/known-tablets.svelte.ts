/**
 * What this tablet knows of the site's other tablets: the newest advert of each, whether it
 * is connected now, and when it was last heard. Remembered per site in localStorage (names,
 * counts and digests only; no personal data), so "last seen" survives a restart.
 */
import type { Advert, TabletView } from '$lib/sync/advert';
import { decodeAdvert } from '$lib/sync/advert';

interface Heard {
  advert: Advert;
  relayed: boolean;
  lastSeen: number;
}

const storageKey = (siteId: string) => `bastion-tablets-${siteId}`;
/**
 * Tablets re-advertise every HEARTBEAT_MS; one heard only through others counts as
 * reachable while its adverts keep coming, and as last seen once they stop.
 */
export const HEARTBEAT_MS = 30_000;
const RELAY_FRESH_MS = 3 * HEARTBEAT_MS;

export class KnownTablets {
  // Plain collections: the screens read `views`, which is republished after every change.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #heard = new Map<string, Heard>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #connected = new Set<string>();
  #views = $state.raw<TabletView[]>([]);

  constructor(private readonly siteId: string) {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey(siteId)) ?? '[]') as unknown[];
      for (const raw of saved) {
        const h = raw as Partial<Heard>;
        const advert = decodeAdvert(h.advert);
        if (advert && typeof h.lastSeen === 'number') this.#heard.set(advert.device, { advert, relayed: !!h.relayed, lastSeen: h.lastSeen });
      }
    } catch {
      // A damaged memory of other tablets costs only their "last seen": start afresh.
    }
    this.#publish(Date.now());
  }

  /** Every other tablet heard of, connected ones first, then by last seen. */
  get views(): TabletView[] {
    return this.#views;
  }

  hear(advert: Advert, direct: boolean, now: number): void {
    // A relayed advert does not make a directly connected tablet "relayed".
    this.#heard.set(advert.device, { advert, relayed: !direct && !this.#connected.has(advert.device), lastSeen: now });
    this.#publish(now);
    this.#save();
  }

  /** The devices connected directly now (from the live sessions). */
  setConnected(devices: Iterable<string>, now: number): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaces #connected whole
    const next = new Set(devices);
    // A tablet that just left was seen until now.
    for (const d of [...this.#connected, ...next]) {
      const h = this.#heard.get(d);
      if (h) h.lastSeen = now;
      if (h && next.has(d)) h.relayed = false;
    }
    this.#connected = next;
    this.#publish(now);
    this.#save();
  }

  /** Re-derives the views at `now` (a relayed tablet whose adverts stopped is no longer reachable). */
  refresh(now: number): void {
    this.#publish(now);
  }

  #publish(now: number): void {
    this.#views = [...this.#heard.values()]
      .map((h) => ({
        advert: h.advert,
        connected: this.#connected.has(h.advert.device),
        relayed: h.relayed && now - h.lastSeen < RELAY_FRESH_MS,
        lastSeen: h.lastSeen
      }))
      .sort((a, b) => Number(b.connected) - Number(a.connected) || b.lastSeen - a.lastSeen);
  }

  #save(): void {
    try {
      localStorage.setItem(storageKey(this.siteId), JSON.stringify([...this.#heard.values()]));
    } catch {
      // Full storage: the panel still works from memory.
    }
  }
}
