import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { makePerson, makeSite } from '$lib/core/builders';
import { makeRound } from '$lib/core/sampling-builders';
import { OpenSite } from './open-site.svelte';
import { testRegistry } from './registry-fixtures';
import { closeTestSites, deleteSiteDb, peerChangesSite, track } from './site-fixtures';
import { holdKey } from './pass-keyring';
import { newSiteKey } from './site-keys';

afterEach(closeTestSites);

const li = makePerson({ id: 'li000001', name: '李四' });
let sites = 0;

async function open(staff: () => string = () => '王五') {
  const { registry } = testRegistry();
  const site = makeSite({ id: `os${++sites}abcdef` });
  return { registry, open: track(await OpenSite.open(site, registry, staff)) };
}

const quiet = () => new Promise((r) => setTimeout(r, 400));

describe('OpenSite', () => {
  it("a peer's change to the site doc reaches the roster, the rounds and the removal once it goes quiet", async () => {
    const { open: site } = await open();
    const round = makeRound({ id: 'peer1' });
    await peerChangesSite(site.ledger, { people: [li], rounds: [round], removed: [site.ledger.deviceId] });
    // A catch-up comes in many pieces: nothing is reread while they are still arriving.
    expect(site.roster.person(li.id)).toBeUndefined();
    await quiet();
    expect(site.roster.person(li.id)).toEqual(li);
    expect(site.rounds.current).toEqual(round);
    expect(site.removedSelf).toBe(true);
  });

  it("this tablet's own changes are in memory at once", async () => {
    const { open: site } = await open();
    await site.roster.importPeople([li]);
    expect(site.roster.person(li.id)).toEqual(li);
    expect(site.removedSelf).toBe(false);
  });

  it('opens with what the disk holds: the roster, the rounds and the PIN', async () => {
    const { registry, open: first } = await open();
    await first.roster.importPeople([li]);
    await first.rounds.open({ name: '第3轮', date: '2026-11-22', pooling: 10, stickerColour: 'blue' });
    await first.pin.set('2468');
    await first.ledger.settled();
    first.destroy();
    const again = track(await OpenSite.open(first.site, registry, () => '王五'));
    expect(again.roster.people).toEqual([li]);
    expect(again.rounds.current?.name).toBe('第3轮');
    expect(again.pin.isSet).toBe(true);
  });

  it("a station's context records as whoever is on duty at that moment, and reads the roster and PIN here", async () => {
    let staff = '王五';
    const { open: site } = await open(() => staff);
    await site.roster.importPeople([li]);
    await site.pin.set('2468');
    const ctx = site.stationContext();
    expect([ctx.siteId, ctx.device]).toEqual([site.site.id, site.ledger.deviceId]);
    expect(ctx.person(li.id)).toEqual(li);
    staff = '赵六';
    const entry = await ctx.record({ kind: 'gate-in', station: 'gate', subject: li.id, verdict: 'accepted', direction: 'in' });
    expect(entry.staff).toBe('赵六');
    expect([await ctx.checkPin('2468'), await ctx.checkPin('1357')]).toEqual([true, false]);
  });

  it('a pass revoked on another tablet is refused at this gate once the site doc goes quiet', async () => {
    const { registry } = testRegistry();
    const key = await newSiteKey();
    const site = makeSite({ id: `os${++sites}abcdef`, passRoot: key.passRoot });
    await holdKey(registry, site.id, key.held);
    const opened = track(await OpenSite.open(site, registry, () => '王五'));
    const now = Date.now();
    const { text, claims } = await opened.passes.issue({ holder: { kind: 'person', id: li.id }, kind: 'resident', validFrom: Math.floor(now / 1000) - 60, validUntil: null });
    const judge = () => opened.stationContext().judgePass(text, now);
    expect(await judge()).toMatchObject({ kind: 'valid' });
    await peerChangesSite(opened.ledger, { revoked: { [claims.passId]: { at: now, by: '赵主管' } } });
    await quiet();
    await opened.passes.settled(); // the reading the quiet period started
    expect(await judge()).toMatchObject({ kind: 'refused', reason: 'revoked' });
  });

  it('a site that fails to prepare is not opened: the caller hears why', async () => {
    const { registry } = testRegistry();
    await expect(OpenSite.open(makeSite({ id: 'osfail01' }), registry, () => '', () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    await deleteSiteDb('osfail01');
  });
});
