/**
 * The tablet's own small database: which sites it holds and which one is open, and its
 * settings. A site's data lives in that site's own database (site-db.ts), so deleting a
 * site at the end of a campaign deletes all its personal data at once.
 */
import Dexie, { type Table } from 'dexie';
import type { Site } from '$lib/core/types';

export interface SettingRow {
  key: string;
  value: unknown;
}

export class RegistryDb extends Dexie {
  sites!: Table<Site, string>;
  settings!: Table<SettingRow, string>;

  constructor(options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    super('bastion', { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores({ sites: 'id', settings: 'key' });
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.settings.get(key))?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.settings.put({ key, value });
  }
}
