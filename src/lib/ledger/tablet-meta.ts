/**
 * What one tablet remembers of its own work at a site, beside its identity in the site
 * database's `meta` table: the buildings its door-to-door team is assigned. Kept in the
 * site's own database (it goes when the site is deleted) and never synced: the next team's
 * tablet has other buildings. Callers reach it as `ledger.tablet`.
 */
import type { SiteDb } from './site-db';

const VISIT_BUILDINGS = 'visit-buildings';

/** The buildings this tablet's team was assigned, as last saved; none if never saved. */
export async function readVisitBuildings(db: SiteDb): Promise<string[]> {
  const value = (await db.meta.get(VISIT_BUILDINGS))?.value;
  // Written only by saveVisitBuildings; anything else (a future shape) reads as none.
  return Array.isArray(value) ? value.filter((b): b is string => typeof b === 'string') : [];
}

/** Saves the team's buildings, replacing the earlier choice. */
export async function saveVisitBuildings(db: SiteDb, buildings: readonly string[]): Promise<void> {
  await db.meta.put({ key: VISIT_BUILDINGS, value: [...buildings] });
}

/** This tablet's remembered settings at one site, over the site's database. */
export class TabletMeta {
  readonly #db: SiteDb;
  constructor(db: SiteDb) {
    this.#db = db;
  }

  /** The buildings this tablet's team was assigned, as last saved; none if never saved. */
  visitBuildings(): Promise<string[]> {
    return readVisitBuildings(this.#db);
  }

  /** Saves the team's buildings, replacing the earlier choice. */
  saveVisitBuildings(buildings: readonly string[]): Promise<void> {
    return saveVisitBuildings(this.#db, buildings);
  }
}
