/**
 * The harness page: what the Node runner (../run.js) calls through `window.bench`. Library
 * figures are measured here; sites are seeded here for the figures measured on the app itself.
 */
import { formatPersonCode } from '$lib/core/code';
import { formatAddress, maskName } from '$lib/roster/roster';
import type { Row } from '../rows.js';
import { benchRoster, benchSite, openInApp, seedRounds, withLedger, wipe } from './seed';
import { measureCoverage, measureSearch } from './roster';
import { measureDecode } from './decode';
import { measureImport } from './import';
import { measureParsers } from './parsers';
import { measureStorage } from './storage';
import { measureSync } from './sync';
import { measureWrite } from './write';
import { measurePasses } from './passes';
import { keyedSite, signedPasses } from './site-passes';

export interface Measured {
  rows: Row[];
  notes: string[];
}

/** What a scan of one resident should bring up on the gate screen. */
export interface Scannable {
  /** The person's id: the subject of the entry the scan records. */
  subject: string;
  code: string;
  name: string;
  address: string;
  /** What `code` is: a bare personal code (BST:…, the default) or a signed pass (BP1:…). */
  kind?: 'code' | 'pass';
}

const library: Record<string, () => Promise<Measured> | Measured> = {
  storage: measureStorage,
  decode: measureDecode,
  coverage: () => ({ rows: measureCoverage(), notes: [] }),
  search: measureSearch,
  import: measureImport,
  sync: measureSync,
  write: measureWrite,
  parsers: measureParsers,
  passes: measurePasses
};

const bench = {
  /** Runs one group of library figures. */
  measure: (group: string): Promise<Measured> => Promise.resolve(library[group]!()),

  /**
   * Creates a site with the 40k roster and a pass key (as every site made in the app has),
   * and makes it the app's current site. Returns ms taken.
   */
  async seedRoster(siteId: string): Promise<number> {
    const t0 = performance.now();
    const { site, certify } = await keyedSite(siteId);
    await withLedger(site, async (ledger) => {
      await certify(ledger);
      await ledger.importPeople(benchRoster());
    });
    await openInApp(site);
    return performance.now() - t0;
  },

  /** Adds ten rounds (400k entries, 40k of them today) to a site seeded with the roster. */
  async seedRounds(siteId: string): Promise<{ entries: number; ms: number }> {
    const t0 = performance.now();
    const entries = await withLedger(benchSite(siteId), (ledger) => seedRounds(ledger, benchRoster()));
    return { entries, ms: performance.now() - t0 };
  },

  /** Creates a site with nothing in it but its pass key (no roster, no entries): the floor of a cold start. */
  async seedEmpty(siteId: string): Promise<void> {
    const { site, certify } = await keyedSite(siteId);
    await withLedger(site, certify);
    await openInApp(site);
  },

  /** Makes `siteId` (already seeded) the site the app opens. */
  useSite: (siteId: string) => openInApp(benchSite(siteId)),

  /**
   * Residents to scan, spread over the roster, never two in a row at one address: the gate
   * screen then changes for every scan, which is how the runner sees each verdict arrive.
   */
  scannable(siteId: string, from: number, count: number): Scannable[] {
    const people = benchRoster();
    const out: Scannable[] = [];
    for (let i = from; out.length < count; i += 7919) {
      const p = people[i % people.length]!;
      const next = { subject: p.id, code: formatPersonCode(siteId, p.id), name: maskName(p.name), address: formatAddress(p) };
      if (next.address !== out.at(-1)?.address) out.push(next);
    }
    return out;
  },

  /** `people` with signed personal passes for codes, issued by the site's key (the site must not be open in the app). */
  signedPasses,

  wipe
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
