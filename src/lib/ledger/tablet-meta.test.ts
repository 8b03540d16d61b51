import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { SiteDb } from './site-db';
import { readVisitBuildings, saveVisitBuildings } from './tablet-meta';

const open: SiteDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

function siteDb(id: string) {
  const db = new SiteDb(id);
  open.push(db);
  return db;
}

describe('the buildings a door-to-door tablet remembers', () => {
  it('reads none before any choice, then the last saved choice, also after the database is reopened', async () => {
    const db = siteDb('tm0001ab');
    expect(await readVisitBuildings(db)).toEqual([]);
    await saveVisitBuildings(db, ['1栋', '3栋']);
    await saveVisitBuildings(db, ['3栋']);
    db.close();
    const again = siteDb('tm0001ab');
    expect(await readVisitBuildings(again)).toEqual(['3栋']);
  });

  it('is per site, and leaves the tablet\'s identity in the same table alone', async () => {
    const db = siteDb('tm0002ab');
    // The row the ledger keeps there: this tablet's id and entry counter.
    const identity = { key: 'device', value: { id: 'dev00001', seq: 41 } };
    await db.meta.put(identity);
    await saveVisitBuildings(db, ['2栋']);
    expect(await db.meta.get('device')).toEqual(identity);
    expect(await readVisitBuildings(db)).toEqual(['2栋']);
    expect(await readVisitBuildings(siteDb('tm0003ab'))).toEqual([]);
  });
});
