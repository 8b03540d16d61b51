import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Site } from '$lib/core/types';
import type { Ledger } from '$lib/ledger/ledger';
import type { Identity } from '$lib/sync/sync-state.svelte';
import type { RegistryDb } from '$lib/ledger/registry-db';
import { makeDemoRoster, seededRandom } from '$lib/roster/demo-roster';
import { DEMO_ROSTER_SEED, DEMO_SITE_ID, SiteLifecycle, type SiteSync } from './site-lifecycle.svelte';
import { testRegistry } from './registry-fixtures';
import { closeTestSites, track } from './site-fixtures';
import { TabletSettings } from './tablet-settings.svelte';
import { heldKeys } from './pass-keyring';
import { readTrustList } from '$lib/gate/passes/trust-list';
import { toBase64url } from '$lib/core/base64url';
import type { PassRequest } from './site-passes.svelte';

afterEach(closeTestSites);

/** Sync as the lifecycle drives it, recorded: which site it was started for, and who this tablet said it is. */
function fakeSync() {
  const started: { ledger: Ledger; site: Site; identity?: Identity }[] = [];
  let readvertised = 0;
  const sync: SiteSync = {
    start: (ledger, site, identity) => void started.push({ ledger, site, identity }),
    readvertise: () => void readvertised++
  };
  return { sync, started, readvertised: () => readvertised };
}

/** A tablet: its settings on `registry`, and its lifecycle, started. */
async function tablet(registry: RegistryDb = testRegistry().registry) {
  const settings = new TabletSettings(registry);
  const sync = fakeSync();
  const sites = new SiteLifecycle(settings, sync.sync, async () => true);
  await sites.start();
  if (sites.current) track(sites.current);
  return { settings, sites, registry, ...sync };
}

/** Waits until the background work after opening (registering the tablet, the storage ask) is done. */
async function settled(sites: SiteLifecycle) {
  await track(sites.current).ledger.settled();
  await new Promise((r) => setTimeout(r, 0));
}

describe('SiteLifecycle', () => {
  it('a new tablet has no site until one is created; then it is open, syncing, and kept', async () => {
    const { settings, sites, started } = await tablet();
    expect([sites.status, sites.current]).toEqual(['no-site', null]);
    await settings.setDeviceName('北门1号');
    await sites.create('  幸福里小区 ', 'Asia/Shanghai');
    const open = track(sites.current);
    expect(sites.status).toBe('ready');
    expect(open.site).toMatchObject({ name: '幸福里小区', timeZone: 'Asia/Shanghai' });
    expect(started.map((s) => [s.ledger, s.site.id])).toEqual([[open.ledger, open.site.id]]);
    expect(started[0]?.identity?.()).toEqual({ name: '北门1号', station: 'gate' });
    await settled(sites);
    expect(sites.persisted).toBe(true);
    // The other tablets learn its name from the site doc.
    expect(open.ledger.devices().get(open.ledger.deviceId)).toEqual({ name: '北门1号', station: 'gate' });
  });

  it('a reload reopens the site it had open, with its settings', async () => {
    const { registry, reopen } = testRegistry();
    const first = await tablet(registry);
    await first.settings.setStaff('王五');
    await first.sites.create('幸福里小区', 'Asia/Shanghai');
    const id = track(first.sites.current).site.id;
    await closeTestSites();
    registry.close();

    const again = await tablet(reopen());
    expect(again.sites.status).toBe('ready');
    expect(again.sites.current?.site.id).toBe(id);
    expect(again.settings.staff).toBe('王五');
    expect(again.started).toHaveLength(1);
  });

  it('refuses an unknown time zone, and no site is made', async () => {
    const { sites, registry } = await tablet();
    await expect(sites.create('幸福里小区', 'Mars/Olympus')).rejects.toThrow(RangeError);
    expect([sites.status, sites.current]).toEqual(['no-site', null]);
    expect(await registry.sites.count()).toBe(0);
  });

  it('joins a site from its join code, and joining it again keeps what the tablet knew but takes the new signaling', async () => {
    const { sites, registry } = await tablet();
    const joined = { id: 'join0001', name: '幸福里小区', timeZone: 'Asia/Shanghai', secret: 's3cret', signaling: ['wss://a.example/signal'] };
    await sites.join(joined);
    const first = track(sites.current).site;
    expect(first).toMatchObject(joined);
    await sites.join({ ...joined, name: '别的名字', signaling: ['wss://b.example/signal'] });
    expect(track(sites.current).site).toEqual({ ...first, signaling: ['wss://b.example/signal'] });
    expect(await registry.sites.get('join0001')).toEqual({ ...first, signaling: ['wss://b.example/signal'] });
  });

  it('a join code with another secret for a known id replaces the site (a new campaign under the same id)', async () => {
    const { sites } = await tablet();
    await sites.join({ id: 'join0002', name: '旧', timeZone: 'Asia/Shanghai', secret: 'old' });
    await sites.join({ id: 'join0002', name: '新', timeZone: 'Asia/Shanghai', secret: 'new' });
    expect(track(sites.current).site).toMatchObject({ name: '新', secret: 'new' });
  });

  it('opens the demo with its roster already on disk', async () => {
    const { sites } = await tablet();
    await sites.openDemo('演示小区');
    const open = track(sites.current);
    expect(open.site).toMatchObject({ id: DEMO_SITE_ID, name: '演示小区' });
    expect(open.roster.people.length).toBe(makeDemoRoster(seededRandom(DEMO_ROSTER_SEED)).length);
  }, 60_000);

  it('a site created now refuses bare personal codes; a joined site and the demo leave the setting to the site doc', async () => {
    const { sites } = await tablet();
    await sites.create('幸福里小区', 'Asia/Shanghai');
    expect(track(sites.current).ledger.policy().unsignedCodes).toBe(false);
    await sites.join({ id: 'join0003', name: '旧小区', timeZone: 'Asia/Shanghai', secret: 's' });
    expect(track(sites.current).ledger.policy().unsignedCodes).toBe(true);
    await sites.openDemo('演示小区');
    expect(track(sites.current).ledger.policy().unsignedCodes).toBe(true);
  }, 60_000);

  it('changing the signaling is kept and sync reconnects with it', async () => {
    const { sites, registry, started } = await tablet();
    await sites.create('幸福里小区', 'Asia/Shanghai');
    const open = track(sites.current);
    await sites.setSignaling(['wss://relay.example/signal'], [{ urls: 'turn:relay.example' }]);
    expect(open.site.signaling).toEqual(['wss://relay.example/signal']);
    expect((await registry.sites.get(open.site.id))?.iceServers).toEqual([{ urls: 'turn:relay.example' }]);
    expect(started.at(-1)?.site.signaling).toEqual(['wss://relay.example/signal']);
  });

  it('a new name or station is told to the others: written in the site doc and advertised again', async () => {
    const { settings, sites, readvertised } = await tablet();
    await settings.setDeviceName('北门1号');
    await sites.create('幸福里小区', 'Asia/Shanghai');
    const open = track(sites.current);
    await settings.setStation('recorder');
    await settled(sites);
    expect(open.ledger.devices().get(open.ledger.deviceId)).toEqual({ name: '北门1号', station: 'recorder' });
    expect(readvertised()).toBe(2);
  });

  it('a registry that cannot be read is an error the screen shows, not a crash', async () => {
    const broken = { getSetting: () => Promise.reject(new Error('registry unreadable')) } as unknown as RegistryDb;
    const { sites } = await tablet(broken);
    expect(sites.status).toBe('error');
    expect(sites.error).toEqual(new Error('registry unreadable'));
  });

  describe('the site’s root pass key', () => {
    const seconds = () => Math.floor(Date.now() / 1000);
    const request = (): PassRequest => ({ holder: { kind: 'person', id: 'li000001' }, kind: 'resident', validFrom: seconds() - 60, validUntil: null });
    const rootA = toBase64url(new Uint8Array(32).fill(1));
    const rootB = toBase64url(new Uint8Array(32).fill(2));

    it('is made with a new site: the private half kept on this tablet, the public half pinned and certified into the site doc', async () => {
      const { sites, registry } = await tablet();
      await sites.create('幸福里小区', 'Asia/Shanghai');
      const open = track(sites.current);
      const { site } = open;
      expect(site.passRoot).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await registry.sites.get(site.id))?.passRoot).toBe(site.passRoot);
      const held = await heldKeys(registry, site.id);
      expect(held).toHaveLength(1);
      expect(held[0]).toMatchObject({ root: true });
      // The site doc names the same root, certified from the moment the site was made.
      const trust = open.ledger.passTrust();
      expect(trust.root).toBe(site.passRoot);
      const reading = await readTrustList(site.id, site.passRoot, trust.keys);
      expect(reading).toMatchObject({ keys: [{ kid: held[0]!.kid, from: Math.floor(site.createdAt / 1000), until: null }], ignored: [] });
      // This tablet issues passes its own gate honours.
      expect(open.passes.canIssue).toBe(true);
      const { text, claims } = await open.passes.issue(request());
      expect(await open.stationContext().judgePass(text, Date.now())).toEqual({ kind: 'valid', claims, kid: held[0]!.kid });
    });

    it('is pinned on a join from the join code’s `r`, and a later code naming another root does not replace it', async () => {
      const { sites, registry } = await tablet();
      const joined = { id: 'join0004', name: '幸福里小区', timeZone: 'Asia/Shanghai', secret: 's3cret' };
      await sites.join({ ...joined, passRoot: rootA });
      expect(track(sites.current).site.passRoot).toBe(rootA);
      await sites.join({ ...joined, passRoot: rootB });
      expect(track(sites.current).site.passRoot).toBe(rootA);
      expect((await registry.sites.get('join0004'))?.passRoot).toBe(rootA);
      // A joining tablet holds no key: it cannot issue.
      expect(await heldKeys(registry, 'join0004')).toEqual([]);
      expect(track(sites.current).passes.canIssue).toBe(false);
    });

    it('is taken from a later join code when the tablet joined with one that had none', async () => {
      const { sites } = await tablet();
      const joined = { id: 'join0005', name: '幸福里小区', timeZone: 'Asia/Shanghai', secret: 's3cret' };
      await sites.join(joined);
      expect(track(sites.current).site.passRoot).toBeUndefined();
      await sites.join({ ...joined, passRoot: rootB });
      expect(track(sites.current).site.passRoot).toBe(rootB);
    });

    it('is the demo’s own on every tablet: a demo pass issued on one is valid on another', async () => {
      const first = await tablet();
      await first.sites.openDemo('演示小区');
      const a = track(first.sites.current);
      const { text } = await a.passes.issue(request());
      const passRoot = a.site.passRoot;
      await closeTestSites();
      const second = await tablet();
      await second.sites.openDemo('演示小区');
      const b = track(second.sites.current);
      expect(b.site.passRoot).toBe(passRoot);
      expect(await b.passes.judge(text, Date.now())).toMatchObject({ kind: 'valid' });
    }, 60_000);
  });
});
