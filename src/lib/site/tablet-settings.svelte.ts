/**
 * This tablet's own settings, whichever site is open: its name, the duty person signed in,
 * the station it serves, and the camera last chosen. They live in the tablet's registry
 * database (registry-db.ts), so a reload or a new site keeps them. One instance, `tablet`.
 *
 * The registry is the tablet's, not a site's: the site lifecycle keeps the tablet's sites in
 * it and the supervisor PIN its per-site hashes, so it is held here and shared with them.
 */
import { RegistryDb } from '$lib/ledger/registry-db';
import type { StationKind } from '$lib/core/types';

export class TabletSettings {
  #deviceName = $state('');
  #staff = $state('');
  #station = $state<StationKind>('gate');
  #cameraId = $state<string | undefined>(undefined);
  // Plain callbacks, never read by a screen: no reactivity needed.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #identityListeners = new Set<() => void>();

  /** The tablet's registry database (its sites, settings and PINs). */
  readonly registry: RegistryDb;

  constructor(registry: RegistryDb) {
    this.registry = registry;
  }

  /** What this tablet is called (the other tablets show it). */
  get deviceName() {
    return this.#deviceName;
  }
  /** The duty person signed in on this tablet ('' when nobody is). */
  get staff() {
    return this.#staff;
  }
  /** The station this tablet serves now (the last station screen opened). */
  get station() {
    return this.#station;
  }
  /** The camera last chosen on this tablet. */
  get cameraId() {
    return this.#cameraId;
  }

  /** Reads the settings from disk (once, at start). */
  async load(): Promise<void> {
    // Read together: each is a round trip to the database, and the start waits for them.
    const [deviceName, staff, station, cameraId] = await Promise.all([
      this.registry.getSetting<string>('deviceName'),
      this.registry.getSetting<string>('staff'),
      this.registry.getSetting<StationKind>('station'),
      this.registry.getSetting<string>('cameraId')
    ]);
    this.#deviceName = deviceName ?? '';
    this.#staff = staff ?? '';
    this.#station = station ?? 'gate';
    this.#cameraId = cameraId;
  }

  /** Listens for a change of what the tablet tells the others (name, station); returns the stop. */
  onIdentityChange(listener: () => void): () => void {
    this.#identityListeners.add(listener);
    return () => this.#identityListeners.delete(listener);
  }

  async setDeviceName(name: string): Promise<void> {
    await this.registry.setSetting('deviceName', name.trim());
    this.#deviceName = name.trim();
    this.#tellIdentity();
  }

  /** Signs the duty person in; the screens see it only once it is on disk (a reload keeps it). */
  async setStaff(name: string): Promise<void> {
    await this.registry.setSetting('staff', name.trim());
    this.#staff = name.trim();
  }

  /** Says which station this tablet serves now (the other tablets show it). */
  async setStation(station: StationKind): Promise<void> {
    if (station === this.#station) return;
    this.#station = station;
    await this.registry.setSetting('station', station);
    this.#tellIdentity();
  }

  async setCameraId(id: string | undefined): Promise<void> {
    this.#cameraId = id;
    await this.registry.setSetting('cameraId', id);
  }

  #tellIdentity() {
    for (const listener of this.#identityListeners) listener();
  }
}

export const tablet = new TabletSettings(new RegistryDb());
