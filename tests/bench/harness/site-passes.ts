/**
 * Bench sites with signed passes, made through the app's own code: a root pass key as
 * creating a site in the app gives one (SiteLifecycle.create: the private half held in this
 * tablet's registry, the public half pinned in the Site, its certified entry in the site doc),
 * and passes issued as the print screen issues them (planCards → SitePasses.issue).
 *
 * Unlike create(), the bench's sites keep bare personal codes allowed (the policy a site
 * made before signed passes keeps), so the same gate takes both and the two can be compared.
 */
import type { Ledger } from '$lib/ledger/ledger';
import { RegistryDb } from '$lib/ledger/registry-db';
import type { Site } from '$lib/core/types';
import { planCards } from '$lib/roster/pass-sheet';
import { holdKey } from '$lib/site/pass-keyring';
import { newSiteKey } from '$lib/site/site-keys';
import { SitePasses } from '$lib/site/site-passes.svelte';
import { benchRoster, benchSite, withLedger } from './seed';
import type { Scannable } from './main';

/** Days the bench's passes are valid: the print screen's default. */
const VALID_DAYS = 30;

export interface KeyedSite {
  site: Site;
  /** Puts the root key's certified entry into the site doc (once, on the site's first open). */
  certify(ledger: Ledger): Promise<void>;
}

/** A bench site with a fresh root pass key, held by this tablet. */
export async function keyedSite(siteId: string): Promise<KeyedSite> {
  const key = await newSiteKey();
  const site: Site = { ...benchSite(siteId), passRoot: key.passRoot };
  const registry = new RegistryDb();
  try {
    await holdKey(registry, site.id, key.held);
  } finally {
    registry.close();
  }
  return {
    site,
    async certify(ledger) {
      const { kid, stored } = await key.entry(site.id, Math.floor(site.createdAt / 1000));
      await ledger.putPassKey(kid, stored);
    }
  };
}

/**
 * `people` of the app's current keyed site (seeded, not open in the app) with their codes
 * replaced by signed personal passes, issued now and valid for 30 days.
 */
export async function signedPasses(siteId: string, people: readonly Scannable[], now = Date.now()): Promise<Scannable[]> {
  const registry = new RegistryDb();
  try {
    const site = await registry.sites.get(siteId);
    if (!site?.passRoot) throw new Error(`site ${siteId} has no pass key: seed it with seedRoster`);
    const byId = new Map(benchRoster().map((p) => [p.id, p]));
    const plans = planCards(people.map((p) => byId.get(p.subject)!), 'person', now, VALID_DAYS);
    return await withLedger(site, async (ledger) => {
      const passes = await SitePasses.load(ledger, registry, site);
      const out: Scannable[] = [];
      for (const [i, plan] of plans.entries()) out.push({ ...people[i]!, code: (await passes.issue(plan.request, now)).text, kind: 'pass' });
      return out;
    });
  } finally {
    registry.close();
  }
}
