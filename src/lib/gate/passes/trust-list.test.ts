import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toBase64url } from '$lib/core/base64url';
import type { StoredPassKey } from '$lib/core/pass-trust-codec';
import { webCryptoEd25519 } from './ed25519';
import { judgePass } from './judge';
import { PassKeys, type TrustedKey } from './keys';
import { DAY, gateContext, makeSiteKey, signed, T0, type SiteKey } from './pass-fixtures';
import { certifyKey, readTrustList } from './trust-list';

const SITE = 'demo0001';
const rootOf = (k: SiteKey) => toBase64url(k.generated.publicKey);
const trusted = (k: SiteKey, from: number, until: number | null = null): TrustedKey => ({ kid: k.generated.kid, publicKey: k.generated.publicKey, from, until });
const read = (root: SiteKey | string | undefined, stored: Iterable<[string, StoredPassKey]>) =>
  readTrustList(SITE, typeof root === 'object' ? rootOf(root) : root, new Map(stored), webCryptoEd25519);
/** The stored entry of `key` as it would be written with no certificate (or another's). */
const uncertified = (k: SiteKey, from: number, until?: number): StoredPassKey => ({ p: toBase64url(k.generated.publicKey), f: from, ...(until === undefined ? {} : { u: until }) });

describe('readTrustList', () => {
  it('trusts the root alone, from the epoch on, when the site doc lists nothing', async () => {
    const root = await makeSiteKey();
    expect(await read(root, [])).toEqual({ keys: [trusted(root, 0)], ignored: [] });
  });

  it('trusts a second key the root certified, in the window it certified', async () => {
    const root = await makeSiteKey();
    const second = await makeSiteKey();
    const entry = await certifyKey(SITE, trusted(second, T0, T0 + 30 * DAY), root.signing);
    expect(entry).toMatchObject({ p: rootOf(second), f: T0, u: T0 + 30 * DAY });
    const reading = await read(root, [[second.generated.kid, entry]]);
    expect(reading.ignored).toEqual([]);
    expect(reading.keys).toEqual([trusted(second, T0, T0 + 30 * DAY), trusted(root, 0)]);
    // A key still issuing stores no end, and reads back as unending.
    const open = await certifyKey(SITE, trusted(second, T0), root.signing);
    expect(open.u).toBeUndefined();
    expect((await read(root, [[second.generated.kid, open]])).keys[0]).toEqual(trusted(second, T0));
  });

  it('leaves out, each with a reason, a key the root never certified, or that another root or another site certified', async () => {
    const [root, other, thief] = await Promise.all([makeSiteKey(), makeSiteKey(), makeSiteKey()]);
    const kid = thief.generated.kid;
    const cases: [StoredPassKey, string][] = [
      [uncertified(thief, 0), 'not certified by the root key'],
      [await certifyKey(SITE, trusted(thief, 0), other.signing), 'certificate does not verify'],
      [await certifyKey(SITE, trusted(thief, 0), thief.signing), 'certificate does not verify'],
      [await certifyKey('next0002', trusted(thief, 0), root.signing), 'certificate does not verify']
    ];
    for (const [entry, why] of cases) expect(await read(root, [[kid, entry]])).toEqual({ keys: [trusted(root, 0)], ignored: [{ kid, why }] });
  });

  it('leaves out a key stored under a kid that is not its public key’s, the root’s kid included', async () => {
    const [root, second] = await Promise.all([makeSiteKey(), makeSiteKey()]);
    const rootKid = root.generated.kid;
    // Certified, even: by the root, under the wrong kid (a tablet's mistake, or a thief's copy of a certificate).
    const wrongKid = await certifyKey(SITE, { ...trusted(second, 0), kid: '00000000' }, root.signing);
    const claimsRoot = await certifyKey(SITE, { ...trusted(second, 0), kid: rootKid }, root.signing);
    const reading = await read(root, [
      ['00000000', wrongKid],
      [rootKid, claimsRoot]
    ]);
    expect(reading.ignored).toEqual([
      { kid: '00000000', why: 'kid is not that of the public key' },
      { kid: rootKid, why: 'kid is not that of the public key' }
    ]);
    // The root is still the root, with its own public key.
    expect(reading.keys).toEqual([trusted(root, 0)]);
  });

  it('leaves out a certified key whose window was changed after it was certified', async () => {
    const [root, second] = await Promise.all([makeSiteKey(), makeSiteKey()]);
    const entry = await certifyKey(SITE, trusted(second, T0, T0 + DAY), root.signing);
    const kid = second.generated.kid;
    for (const tampered of [{ ...entry, f: T0 - DAY }, { ...entry, u: T0 + 365 * DAY }, { p: entry.p, f: entry.f, c: entry.c }]) {
      expect(await read(root, [[kid, tampered]])).toEqual({ keys: [trusted(root, 0)], ignored: [{ kid, why: 'certificate does not verify' }] });
    }
  });

  it('takes the root’s window from its own certified entry, and lists the root once', async () => {
    const root = await makeSiteKey();
    const kid = root.generated.kid;
    const own = await certifyKey(SITE, trusted(root, T0, T0 + 90 * DAY), root.signing);
    expect(await read(root, [[kid, own]])).toEqual({ keys: [trusted(root, T0, T0 + 90 * DAY)], ignored: [] });
  });

  it('does not let a forged entry of the root take its passes away: the root stays trusted from the epoch', async () => {
    const [root, thief] = await Promise.all([makeSiteKey(), makeSiteKey()]);
    const kid = root.generated.kid;
    const retired = uncertified(root, 0, 1); // ended at the first second of 1970: every pass refused, were it believed
    const signedByThief = await certifyKey(SITE, trusted(root, T0 + 365 * DAY), thief.signing);
    for (const forged of [retired, signedByThief]) {
      const reading = await read(root, [[kid, forged]]);
      expect(reading.keys).toEqual([trusted(root, 0)]);
      expect(reading.ignored).toHaveLength(1);
      expect(await judgePass(await signed(root), gateContext(new PassKeys(reading.keys, webCryptoEd25519)))).toMatchObject({ kind: 'valid' });
    }
  });

  it('trusts nothing without a root, and says so when the root is not a key', async () => {
    const [root, second] = await Promise.all([makeSiteKey(), makeSiteKey()]);
    const entry = await certifyKey(SITE, trusted(second, 0), root.signing);
    expect(await read(undefined, [[second.generated.kid, entry]])).toEqual({ keys: [], ignored: [] });
    expect(await read('', [])).toEqual({ keys: [], ignored: [] });
    for (const notAKey of ['not a key', rootOf(root).slice(0, 42), toBase64url(new Uint8Array(31))]) {
      expect(await read(notAKey, [[second.generated.kid, entry]])).toEqual({ keys: [], ignored: [{ kid: '?', why: 'root key is not a key' }] });
    }
  });

  it('reads back any window it certified, and refuses it with any one end moved', async () => {
    const [root, second] = await Promise.all([makeSiteKey(), makeSiteKey()]);
    const kid = second.generated.kid;
    const window = fc
      .record({ from: fc.integer({ min: 0, max: 0xfffffffe }), span: fc.option(fc.integer({ min: 1, max: 400 * DAY }), { nil: null }) })
      .map(({ from, span }) => ({ from, until: span === null ? null : Math.min(0xffffffff, from + span) }));
    const moved = fc.integer({ min: -DAY, max: DAY }).filter((d) => d !== 0);
    await fc.assert(
      fc.asyncProperty(window, moved, fc.boolean(), async ({ from, until }, delta, moveEnd) => {
        const entry = await certifyKey(SITE, trusted(second, from, until), root.signing);
        expect((await read(root, [[kid, entry]])).keys).toContainEqual(trusted(second, from, until));
        const tampered = moveEnd && entry.u !== undefined ? { ...entry, u: entry.u + delta } : { ...entry, f: entry.f + delta };
        expect((await read(root, [[kid, tampered]])).ignored).toEqual([{ kid, why: 'certificate does not verify' }]);
      }),
      { numRuns: 40 }
    );
  });
});

describe('a pass at the gate, judged by the trust list', () => {
  it('is refused as of an unknown key when a thief added its key to the site doc, and valid when the root certified the key', async () => {
    const [root, thief, second] = await Promise.all([makeSiteKey(), makeSiteKey(), makeSiteKey()]);
    const reading = await read(root, [
      [thief.generated.kid, uncertified(thief, 0)],
      [second.generated.kid, await certifyKey(SITE, trusted(second, T0 - DAY), root.signing)]
    ]);
    const ctx = gateContext(new PassKeys(reading.keys, webCryptoEd25519));
    expect(await judgePass(await signed(thief), ctx)).toMatchObject({ kind: 'refused', reason: 'unknown-key' });
    expect(await judgePass(await signed(second), ctx)).toMatchObject({ kind: 'valid', kid: second.generated.kid });
    expect(await judgePass(await signed(root), ctx)).toMatchObject({ kind: 'valid', kid: root.generated.kid });
    // The certified window holds: a pass the second key signs before it is refused.
    expect(await judgePass(await signed(second, { issuedAt: T0 - 2 * DAY }), ctx)).toMatchObject({ kind: 'refused', reason: 'key-not-in-force' });
  });
});
