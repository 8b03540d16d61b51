/**
 * The sites the benchmark measures, written through the app's own storage code.
 *
 * The large site is the largest seen in the field: 40,000 residents, and ten rounds of
 * sampling of all of them (400,000 entries) — nine over the past 30 days, three days each, and
 * the tenth today, so the gate holds 40,000 entries of today. Entries are written as a peer's
 * catch-up would bring them (`Ledger.applyUpdate`: one transaction per tablet and day, update
 * log and index rows together), which is the app's real path for entries made elsewhere and
 * fast enough to seed 400,000 rows in a benchmark (one transaction per scan would take over half
 * an hour).
 */
import * as Y from 'yjs';
import { Ledger } from '$lib/ledger/ledger';
import { dayDocName, entriesOf } from '$lib/ledger/docs';
import { SiteDb } from '$lib/ledger/site-db';
import { RegistryDb } from '$lib/ledger/registry-db';
import { makeDemoRoster, seededRandom } from '$lib/roster/demo-roster';
import { encodeEntry } from '$lib/core/entry-codec';
import { formatEntryId } from '$lib/core/entry-id';
import { dayKey, hourOf } from '$lib/core/day';
import type { Entry, Person, Site } from '$lib/core/types';

export const ROSTER_SIZE = 40_000;
export const ROUNDS = 10;
const ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
/** The other tablets of the site, whose entries this tablet holds. */
const DEVICES = Array.from({ length: 8 }, (_, i) => `benchdv${i + 1}`);

let roster: Person[] | undefined;
/** The 40,000-person roster, the same in every run. */
export function benchRoster(): Person[] {
  roster ??= makeDemoRoster(seededRandom(20220306), ROSTER_SIZE);
  return roster;
}

export function benchSite(id: string): Site {
  return { id, name: `基准测试 ${id}`, timeZone: ZONE, secret: `bench-secret-${id}`, createdAt: Date.now() };
}

/**
 * Registers `site` on this tablet and makes it the one the app opens, with staff on duty. A
 * pass key the site was registered with stays (`benchSite` makes the site again without one).
 */
export async function openInApp(site: Site): Promise<void> {
  const registry = new RegistryDb();
  try {
    const passRoot = site.passRoot ?? (await registry.sites.get(site.id))?.passRoot;
    await registry.sites.put(passRoot ? { ...site, passRoot } : site);
    await registry.setSetting('currentSite', site.id);
    await registry.setSetting('staff', '王五');
    await registry.setSetting('deviceName', '北门1号');
  } finally {
    registry.close();
  }
}

/** Runs `fn` with the site's ledger open, and closes it after (the app must find it closed). */
export async function withLedger<T>(site: Site, fn: (ledger: Ledger) => Promise<T>, dbName = site.id): Promise<T> {
  const db = new SiteDb(dbName);
  const ledger = await Ledger.open(db, site);
  try {
    return await fn(ledger);
  } finally {
    await ledger.settled();
    ledger.destroy();
    db.close();
  }
}

/** Entries grouped as the tablets made them: day doc → device → id → stored value. */
type Batches = Map<string, Map<string, Map<string, unknown>>>;

/** Ten rounds of samples of the whole roster (see the header). Returns the entries written. */
export async function seedRounds(ledger: Ledger, people: readonly Person[], now = Date.now()): Promise<number> {
  const batches: Batches = new Map();
  const seq = new Map<string, number>();
  // Today's round is sampled since the morning (or since midnight, early in the day).
  const todaySpan = Math.max(60_000, Math.min(10, hourOf(now, ZONE)) * 3_600_000);
  for (let r = 0; r < ROUNDS; r++) {
    // Rounds 1–9 begin 30, 27 … 6 days ago and last three days each; round 10 is today's.
    const daysAgo = r === ROUNDS - 1 ? 0 : 3 * (ROUNDS - 2 - r) + 6;
    const roundId = `bench${r}`;
    await ledger.saveRound({ id: roundId, name: `第${r + 1}轮`, date: dayKey(now - daysAgo * DAY_MS, ZONE), pooling: 10, stickerColour: 'green', openedAt: now - daysAgo * DAY_MS });
    people.forEach((p, i) => {
      const at = r === ROUNDS - 1 ? now - Math.floor(((people.length - i) * todaySpan) / people.length) : now - (daysAgo - (i % 3)) * DAY_MS - (i % 36_000) * 1000;
      const device = DEVICES[i % DEVICES.length]!;
      const n = (seq.get(device) ?? 0) + 1;
      seq.set(device, n);
      const entry: Entry = { id: formatEntryId(device, n), kind: 'sample', at, device, station: 'recorder', staff: '李四', subject: p.id, verdict: 'accepted', round: roundId, tube: `T${r}${String(Math.floor(i / 10)).padStart(5, '0')}` };
      const doc = dayDocName(dayKey(at, ZONE));
      const byDevice = batches.get(doc) ?? new Map<string, Map<string, unknown>>();
      batches.set(doc, byDevice);
      const values = byDevice.get(device) ?? new Map<string, unknown>();
      byDevice.set(device, values);
      values.set(entry.id, encodeEntry(entry));
    });
  }
  return writeBatches(ledger, batches);
}

/** Writes each tablet's entries of each day as that tablet's own Yjs update. */
async function writeBatches(ledger: Ledger, batches: Batches): Promise<number> {
  let written = 0;
  for (const [docName, byDevice] of batches) {
    for (const values of byDevice.values()) {
      const doc = new Y.Doc();
      doc.transact(() => values.forEach((v, k) => entriesOf(doc).set(k, v)));
      await ledger.applyUpdate(docName, Y.encodeStateAsUpdate(doc), 'bench-seed');
      doc.destroy();
      written += values.size;
    }
  }
  return written;
}

/** Deletes every database of this origin (a clean tablet). */
export async function wipe(): Promise<void> {
  const names = (await indexedDB.databases()).map((d) => d.name).filter((n): n is string => !!n);
  await Promise.all(names.map((name) => new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = resolve;
    request.onerror = () => reject(request.error);
    request.onblocked = resolve;
  })));
}
