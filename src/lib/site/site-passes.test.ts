import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { toBase64url } from '$lib/core/base64url';
import type { Site } from '$lib/core/types';
import { deleteTestLedgers, openTestLedger } from '$lib/ledger/fixtures';
import type { Ledger } from '$lib/ledger/ledger';
import { generatePassKey, importSigningKey, signPass, type PassClaims } from '$lib/gate/passes';
import { certifyKey } from '$lib/gate/passes/trust-list';
import { holdKey } from './pass-keyring';
import { testRegistry } from './registry-fixtures';
import { peerChangesSite } from './site-fixtures';
import { newSiteKey } from './site-keys';
import { CannotIssueError, SitePasses, type PassRequest } from './site-passes.svelte';

afterEach(deleteTestLedgers);

const NOW = Date.now();
const seconds = Math.floor(NOW / 1000);
const DAY = 86_400;
const request: PassRequest = { holder: { kind: 'person', id: 'li000001' }, kind: 'resident', validFrom: seconds - DAY, validUntil: seconds + 30 * DAY };

/** A site whose root key was made on the tablet of `registry`, certified into the ledger's site doc from `from` (seconds). */
async function siteWithRoot(from = 0) {
  const { ledger, site: bare } = await openTestLedger('sp');
  const key = await newSiteKey();
  const site: Site = { ...bare, passRoot: key.passRoot };
  const { kid, stored } = await key.entry(site.id, from);
  await ledger.putPassKey(kid, stored);
  const issuing = testRegistry().registry;
  await holdKey(issuing, site.id, key.held);
  return { ledger, site, key, issuing, passes: await SitePasses.load(ledger, issuing, site) };
}

/** Another tablet of the same site: the same ledger's doc, its own registry with no key. */
const gateTablet = (ledger: Ledger, site: Site) => SitePasses.load(ledger, testRegistry().registry, site);

describe('SitePasses', () => {
  it('on the tablet holding the root key: can issue, and a pass it issues is judged valid', async () => {
    const { passes, site, key } = await siteWithRoot();
    expect(passes.canIssue).toBe(true);
    expect(passes.trusted.map((k) => k.kid)).toEqual([key.held.kid]);
    const { text, claims } = await passes.issue(request, NOW);
    expect(claims).toMatchObject({ ...request, siteId: site.id, issuedAt: seconds });
    expect(claims.passId).toMatch(/^[0-9a-z]{10}$/);
    expect(await passes.judge(text, NOW)).toEqual({ kind: 'valid', claims, kid: key.held.kid });
    // Each pass is its own: a second one for the same person has another id.
    expect((await passes.issue(request, NOW)).claims.passId).not.toBe(claims.passId);
  });

  it('on a tablet without the key: cannot issue, and issuing throws, but it judges the site’s passes', async () => {
    const { passes, ledger, site } = await siteWithRoot();
    const gate = await gateTablet(ledger, site);
    expect(gate.canIssue).toBe(false);
    await expect(gate.issue(request, NOW)).rejects.toThrow(CannotIssueError);
    const { text, claims } = await passes.issue(request, NOW);
    expect(await gate.judge(text, NOW)).toMatchObject({ kind: 'valid', claims });
  });

  it('cannot issue with a held key whose window is not open now', async () => {
    const { passes } = await siteWithRoot(seconds + 365 * DAY);
    expect(passes.trusted[0]).toMatchObject({ from: seconds + 365 * DAY });
    expect(passes.canIssue).toBe(false);
    await expect(passes.issue(request, NOW)).rejects.toThrow(CannotIssueError);
  });

  it('refuses a pass once it is revoked here, and keeps the first revocation', async () => {
    const { passes, ledger } = await siteWithRoot();
    const { text, claims } = await passes.issue(request, NOW);
    await passes.revoke(claims.passId, claims.holder.id, '赵主管');
    expect(await passes.judge(text, NOW)).toMatchObject({ kind: 'refused', reason: 'revoked', claims });
    expect(passes.revoked.get(claims.passId)).toMatchObject({ by: '赵主管', holder: 'li000001' });
    expect(ledger.revocations().get(claims.passId)).toMatchObject({ by: '赵主管' });
    await passes.revoke(claims.passId, undefined, '钱主管');
    expect(passes.revoked.get(claims.passId)?.by).toBe('赵主管');
    // Another pass of the same person still opens the gate.
    expect(await passes.judge((await passes.issue(request, NOW)).text, NOW)).toMatchObject({ kind: 'valid' });
  });

  it('refuses a pass revoked on another tablet once the site doc is read again', async () => {
    const { passes, ledger, site } = await siteWithRoot();
    const gate = await gateTablet(ledger, site);
    const { text, claims } = await passes.issue(request, NOW);
    await peerChangesSite(ledger, { revoked: { [claims.passId]: { at: NOW, by: '赵主管', holder: claims.holder.id } } });
    // Until then it judges by what it read.
    expect(await gate.judge(text, NOW)).toMatchObject({ kind: 'valid' });
    await gate.reload();
    expect(await gate.judge(text, NOW)).toMatchObject({ kind: 'refused', reason: 'revoked' });
    expect(gate.revoked.has(claims.passId)).toBe(true);
  });

  it('trusts a key the root certified that arrives from a peer, and not one a thief added', async () => {
    const { passes, ledger, site, key } = await siteWithRoot();
    const second = await generatePassKey();
    const thief = await generatePassKey();
    const root = await importSigningKey(key.held);
    const certified = await certifyKey(site.id, { kid: second.kid, publicKey: second.publicKey, from: 0, until: null }, root);
    await peerChangesSite(ledger, { passKeys: { [second.kid]: certified, [thief.kid]: { p: toBase64url(thief.publicKey), f: 0 } } });
    await passes.reload();
    expect(passes.trusted.map((k) => k.kid).sort()).toEqual([key.held.kid, second.kid].sort());
    const pass = (k: typeof second) => importSigningKey(k).then((s) => signPass(claimsOf(site.id), s));
    expect(await passes.judge(await pass(second), NOW)).toMatchObject({ kind: 'valid', kid: second.kid });
    expect(await passes.judge(await pass(thief), NOW)).toMatchObject({ kind: 'refused', reason: 'unknown-key' });
  });

  it('anchors in the root the Site pinned; a site joined without one takes the root the site doc names', async () => {
    const { passes, ledger, site, key } = await siteWithRoot();
    const { text } = await passes.issue(request, NOW);
    // A thief's key written as the doc's root is no root where the Site pinned one.
    const thief = await generatePassKey();
    const thiefSigner = await importSigningKey(thief);
    const thiefKey = { kid: thief.kid, publicKey: thief.publicKey, from: 0, until: null };
    await peerChangesSite(ledger, { config: { passRoot: toBase64url(thief.publicKey) }, passKeys: { [thief.kid]: await certifyKey(site.id, thiefKey, thiefSigner) } });
    await passes.reload();
    expect(passes.trusted.map((k) => k.kid)).toEqual([key.held.kid]);
    expect(await passes.judge(await signPass(claimsOf(site.id), thiefSigner), NOW)).toMatchObject({ kind: 'refused', reason: 'unknown-key' });
    // A tablet that joined with a join code carrying no root reads it from the doc.
    const { ledger: other, site: bare } = await openTestLedger('sp');
    await peerChangesSite(other, { config: { passRoot: key.passRoot } });
    const joined = await SitePasses.load(other, testRegistry().registry, { ...bare, id: site.id });
    expect(await joined.judge(text, NOW)).toMatchObject({ kind: 'valid' });
  });

  it('with no root anywhere trusts nothing: every pass is of an unknown key', async () => {
    const { ledger, site } = await openTestLedger('sp');
    const passes = await SitePasses.load(ledger, testRegistry().registry, site);
    const key = await generatePassKey();
    expect(passes.trusted).toEqual([]);
    expect(passes.canIssue).toBe(false);
    expect(await passes.judge(await signPass(claimsOf(site.id), await importSigningKey(key)), NOW)).toMatchObject({ kind: 'refused', reason: 'unknown-key' });
  });
});

function claimsOf(siteId: string): PassClaims {
  return { ...request, siteId, passId: 'pass0001', issuedAt: seconds };
}
