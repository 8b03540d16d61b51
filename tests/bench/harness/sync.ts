/**
 * Sync figures: catch-up bytes against the encoded size of what was missing, the largest
 * message while a fresh tablet catches up on 40,000 entries, and the time three tablets that
 * each recorded 2,000 entries apart take to agree once they meet again.
 */
import { makeRow, type Row } from '../rows.js';
import { benchSite } from './seed';
import { link, missingBytes, openTablet, settle, shareSiteDoc, sizes, writeEntries, type Tablet } from './peers';

const MAX_MESSAGE = 64 * 1024;

const entriesToday = async (t: Tablet) => (await t.ledger.dayDoc(t.ledger.today())).getMap('entries').size;

/** A fresh tablet (site doc already paired) catches up on `tablets` × `each` entries of today. */
async function catchUp(each: number, tablets: number, tag: string, notes: string[]) {
  const site = benchSite('benchsync');
  const old = await openTablet(site, `bench-${tag}-old`);
  const fresh = await openTablet(site, `bench-${tag}-fresh`);
  try {
    for (let d = 0; d < tablets; d++) await writeEntries(old, `benchdv${d}${tag}`.slice(0, 12), each);
    await shareSiteDoc(old, fresh);
    const floor = (await missingBytes(old, fresh)) + (await missingBytes(fresh, old));
    const started = performance.now();
    const pair = link(old, fresh);
    await settle([old, fresh], [pair]);
    const ms = performance.now() - started;
    const got = await entriesToday(fresh);
    const stored = await fresh.ledger.reads.entryCount();
    if (got !== each * tablets || stored !== got) throw new Error(`catch-up incomplete: ${got} in the doc, ${stored} indexed`);
    const all = sizes([pair]);
    notes.push(`catch-up of ${got} entries: ${all.length} messages, ${Math.round(ms)} ms into IndexedDB`);
    return { sent: all.reduce((n, s) => n + s, 0), floor, largest: Math.max(...all), n: got };
  } finally {
    old.close();
    fresh.close();
  }
}

/** Three tablets, 2,000 entries each made apart, joined in a full mesh: seconds until they agree. */
async function convergence(notes: string[]): Promise<number> {
  const site = benchSite('benchsync');
  const tablets: Tablet[] = [];
  try {
    for (let i = 0; i < 3; i++) tablets.push(await openTablet(site, `bench-converge-${i}`));
    for (const t of tablets.slice(1)) await shareSiteDoc(tablets[0]!, t);
    await shareSiteDoc(tablets[1]!, tablets[0]!);
    await shareSiteDoc(tablets[2]!, tablets[0]!);
    for (const [i, t] of tablets.entries()) await writeEntries(t, `benchcv${i}`, 2000, 200);
    const started = performance.now();
    const [a, b, c] = tablets as [Tablet, Tablet, Tablet];
    const pairs = [link(a, b), link(b, c), link(a, c)];
    await settle(tablets, pairs);
    const seconds = (performance.now() - started) / 1000;
    const counts = await Promise.all(tablets.map(entriesToday));
    if (counts.some((n) => n !== 6000)) throw new Error(`tablets disagree: ${counts.join(', ')}`);
    notes.push(`convergence: ${sizes(pairs).length} messages, ${Math.round(sizes(pairs).reduce((n, s) => n + s, 0) / 1024)} KiB`);
    return seconds;
  } finally {
    tablets.forEach((t) => t.close());
  }
}

export async function measureSync(): Promise<{ rows: Row[]; notes: string[] }> {
  const notes: string[] = [];
  const big = await catchUp(10_000, 4, 'big', notes);
  const small = await catchUp(500, 4, 'small', notes);
  const seconds = await convergence(notes);
  const rows = [
    makeRow({ name: `sync catch-up: bytes sent, peer missing ${big.n} entries`, value: big.sent, unit: 'B', floor: big.floor, goal: '≤ 1.2× floor', meets: (_, r) => r !== null && r <= 1.2 }),
    makeRow({ name: `sync catch-up: bytes sent, peer missing ${small.n} entries`, value: small.sent, unit: 'B', floor: small.floor, goal: '≤ 1.2× floor', meets: (_, r) => r !== null && r <= 1.2 }),
    makeRow({ name: `largest sync message, fresh tablet catching up on ${big.n} entries`, value: big.largest, unit: 'B', goal: '≤ 65536 B', meets: (v) => v <= MAX_MESSAGE }),
    makeRow({ name: 'sync convergence, 3 tablets × 2,000 entries made apart (in-page loopback)', value: seconds, unit: 's', goal: '≤ 3 s', meets: (v) => v <= 3 })
  ];
  return { rows, notes };
}
