/**
 * The devices panel (设备): every tablet of the site, connected now or last seen when, in
 * sync or behind by how many entries, and the supervisor's removal of a lost tablet. Built
 * from three sources: the adverts sync hears (live counts and digests), the site doc's
 * `devices` (tablets not heard since this tablet started still appear) and its `removed` map.
 */
import { compareDays, type DayComparison } from '$lib/core/digest';
import type { StationKind } from '$lib/core/types';
import type { Removal } from '$lib/ledger/docs';
import { SITE_DOC } from '$lib/ledger/docs';
import { removalsOf, removeDevice } from '$lib/ledger/removal';
import type { Ledger } from '$lib/ledger/ledger';
import { sync } from '$lib/sync/sync-state.svelte';

/** One tablet as the panel shows it. */
export interface DeviceRow {
  device: string;
  name: string;
  station: StationKind | null;
  self: boolean;
  connected: boolean;
  relayed: boolean;
  /** When last heard (ms); null if never heard on this tablet. */
  lastSeen: number | null;
  entries: number | null;
  /** Its digests against this tablet's; null if it never advertised. */
  comparison: DayComparison | null;
  removed: Removal | null;
}

/** What the panel shows of this tablet itself: its name and station, and who removes a tablet. */
export interface ThisTablet {
  readonly deviceName: string;
  readonly station: StationKind;
  readonly staff: string;
}

export class DevicesView {
  // Replaced whole on every change, never mutated: a raw state holding a plain Map.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #removals = $state.raw(new Map<string, Removal>());
  /** The site doc's tablets, read again only when the site doc changes. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #known = $state.raw<ReturnType<Ledger['devices']>>(new Map());

  constructor(
    private readonly ledger: Ledger,
    private readonly self: ThisTablet
  ) {}

  /** Follows the site doc (a removal made on another tablet arrives with it); returns the stop. */
  follow(): () => void {
    const ledger = this.ledger;
    const read = () => {
      this.#removals = removalsOf(ledger.siteDoc);
      this.#known = ledger.devices();
    };
    read();
    return ledger.onPersisted((doc) => {
      if (doc === SITE_DOC) read();
    });
  }

  readonly rows: DeviceRow[] = $derived.by(() => this.#rows());

  /** The refusals sync reported, newest first. */
  get problems() {
    return sync.problems;
  }

  /** Removes a lost tablet (the caller checked the supervisor PIN). */
  async remove(device: string): Promise<void> {
    await removeDevice(this.ledger, device, this.self.staff || this.self.deviceName, Date.now());
    this.#removals = removalsOf(this.ledger.siteDoc);
  }

  #rows(): DeviceRow[] {
    const ledger = this.ledger;
    const own = sync.ownAdvert;
    const known = this.#known;
    const rows: DeviceRow[] = [
      {
        device: ledger.deviceId,
        name: this.self.deviceName,
        station: this.self.station,
        self: true,
        connected: true,
        relayed: false,
        lastSeen: null,
        entries: own?.entries ?? null,
        comparison: null,
        removed: null
      }
    ];
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this computation
    const seen = new Set([ledger.deviceId]);
    for (const t of sync.tablets) {
      seen.add(t.advert.device);
      rows.push({
        device: t.advert.device,
        name: t.advert.name,
        station: t.advert.station,
        self: false,
        connected: t.connected,
        relayed: t.relayed && !t.connected,
        lastSeen: t.lastSeen,
        entries: t.advert.entries,
        comparison: own ? compareDays(own.days, t.advert.days) : null,
        removed: this.#removals.get(t.advert.device) ?? null
      });
    }
    for (const [device, d] of known) {
      if (seen.has(device)) continue;
      rows.push({ device, name: d.name, station: d.station, self: false, connected: false, relayed: false, lastSeen: null, entries: null, comparison: null, removed: this.#removals.get(device) ?? null });
    }
    return rows;
  }
}
