import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { importSigningKey, judgePass, PassKeys, signPass, type PassClaims } from '$lib/gate/passes';
import { readTrustList } from '$lib/gate/passes/trust-list';
import { heldKeys, holdKey } from './pass-keyring';
import { testRegistry } from './registry-fixtures';
import { demoSiteKey, newSiteKey } from './site-keys';

const NOW = Date.now();
const seconds = Math.floor(NOW / 1000);
const claimsOf = (siteId: string): PassClaims => ({ siteId, passId: 'pass0001', holder: { kind: 'person', id: 'li000001' }, kind: 'resident', issuedAt: seconds, validFrom: seconds, validUntil: null });

describe('site keys', () => {
  it('the demo’s root is the same on every call, and signs passes its public half verifies', async () => {
    const [a, b] = await Promise.all([demoSiteKey(), demoSiteKey()]);
    expect(a.passRoot).toBe(b.passRoot);
    expect(a.held).toEqual(b.held);
    expect(a.held.root).toBe(true);
    const { kid, stored } = await a.entry('demo0001', 0);
    expect(stored).toEqual((await b.entry('demo0001', 0)).stored);
    const { keys } = await readTrustList('demo0001', a.passRoot, new Map([[kid, stored]]));
    const text = await signPass(claimsOf('demo0001'), await importSigningKey(a.held));
    expect(await judgePass(text, { siteId: 'demo0001', keys: new PassKeys(keys), revoked: new Set(), now: NOW })).toMatchObject({ kind: 'valid', kid });
  });

  it('a new site’s root differs each time, and certifies its own entry from when the site was made', async () => {
    const [a, b] = await Promise.all([newSiteKey(), newSiteKey()]);
    expect(a.passRoot).not.toBe(b.passRoot);
    expect(a.held.kid).not.toBe(b.held.kid);
    expect(a.passRoot).not.toBe((await demoSiteKey()).passRoot);
    const { kid, stored } = await a.entry('site0001', seconds);
    expect(await readTrustList('site0001', a.passRoot, new Map([[kid, stored]]))).toMatchObject({ keys: [{ kid, from: seconds, until: null }], ignored: [] });
    // Certified for its own site only.
    expect((await readTrustList('site0002', a.passRoot, new Map([[kid, stored]]))).ignored).toHaveLength(1);
  });

  it('the keyring keeps a site’s keys, one per kid, and none of another site', async () => {
    const { registry } = testRegistry();
    const [a, b] = await Promise.all([newSiteKey(), newSiteKey()]);
    expect(await heldKeys(registry, 'site0001')).toEqual([]);
    await holdKey(registry, 'site0001', a.held);
    await holdKey(registry, 'site0001', a.held);
    await holdKey(registry, 'site0001', { ...b.held, root: false });
    expect(await heldKeys(registry, 'site0001')).toEqual([a.held, { ...b.held, root: false }]);
    expect(await heldKeys(registry, 'site0002')).toEqual([]);
  });
});
