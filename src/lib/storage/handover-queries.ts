/**
 * The handover screen's questions (kept apart from queries.ts so features do not collide).
 */
import type { EntryRow, SiteDb } from './site-db';

/** The handover entries recorded on `days`. */
export async function handoverRows(db: SiteDb, days: readonly string[]): Promise<EntryRow[]> {
  const lists = await Promise.all(days.map((day) => db.entries.where('[day+kind]').equals([day, 'handover']).toArray()));
  return lists.flat();
}

/** Every entry of `days`. */
export async function daysRows(db: SiteDb, days: readonly string[]): Promise<EntryRow[]> {
  return db.entries.where('day').anyOf([...days]).toArray();
}
