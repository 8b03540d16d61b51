import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase45, encodeBase45 } from './base45';
import { judgePass } from './judge';
import { kidBytes, kidOf, PassKeys, type TrustedKey } from './keys';
import { encodeClaims } from './claims';
import { formatPassText } from './format';
import { claimsArb, DAY, gateContext, makeClaims, makeSiteKey, signed, T0 } from './pass-fixtures';
import { signPass } from './sign';
import { webCryptoEd25519 } from './ed25519';

const refused = (reason: string) => ({ kind: 'refused', reason });

/** The pass with one byte of its COSE bytes changed. */
function withByte(text: string, index: number, f: (b: number) => number): string {
  const d = decodeBase45(text.slice(4));
  if (!d.ok) throw new Error(d.reason);
  const i = index < 0 ? d.bytes.length + index : index;
  d.bytes[i] = f(d.bytes[i]!);
  return 'BP1:' + encodeBase45(d.bytes);
}

describe('judgePass', () => {
  it('admits a pass of this site, signed by its key, in its dates', async () => {
    const key = await makeSiteKey();
    const verdict = await judgePass(await signed(key), gateContext([key.trusted]));
    expect(verdict).toEqual({ kind: 'valid', claims: makeClaims(), kid: key.generated.kid });
  });

  it('round-trips any claims through sign and judge', async () => {
    const key = await makeSiteKey({ from: 0 });
    await fc.assert(
      fc.asyncProperty(claimsArb, async (claims) => {
        const verdict = await judgePass(await signPass(claims, key.signing), gateContext([key.trusted], { siteId: claims.siteId, at: claims.validFrom }));
        expect(verdict).toEqual({ kind: 'valid', claims, kid: key.generated.kid });
      }),
      { numRuns: 200 }
    );
  });

  it('refuses what is not a pass, or not one of ours, or one changed', async () => {
    const key = await makeSiteKey();
    const ctx = gateContext([key.trusted]);
    const text = await signed(key);
    expect(await judgePass('BST:DEMO0001:K3X9A2B1', ctx)).toMatchObject(refused('not-a-pass'));
    expect(await judgePass('https://example.com/health?code=1', ctx)).toMatchObject(refused('not-a-pass'));
    expect(await judgePass('BP1:hello world', ctx)).toMatchObject({ ...refused('not-a-pass'), detail: 'base45: a triple over 65535 at 3' });
    expect(await judgePass('BP1:' + encodeBase45(new TextEncoder().encode('{"site":"demo0001"}')), ctx)).toMatchObject(refused('forged'));
    // A pass signed by a key this site never had (a home-made one).
    expect(await judgePass(await signed(await makeSiteKey()), ctx)).toMatchObject(refused('unknown-key'));
    // The last byte of the signature, or of the claims (the pass's end date), changed.
    expect(await judgePass(withByte(text, -1, (b) => b ^ 1), ctx)).toMatchObject(refused('tampered'));
    expect(await judgePass(withByte(text, -67, (b) => b + 1), ctx)).toMatchObject(refused('tampered'));
  });

  it("says another site's pass is another site's, though its key is unknown here", async () => {
    const ours = await makeSiteKey();
    const theirs = await makeSiteKey();
    const pass = await signed(theirs, { siteId: 'next0002' });
    expect(await judgePass(pass, gateContext([ours.trusted]))).toMatchObject({ ...refused('other-site'), detail: 'site next0002' });
    expect(await judgePass(pass, gateContext([theirs.trusted], { siteId: 'next0002' }))).toMatchObject({ kind: 'valid' });
  });

  it('refuses a revoked pass, and one revoked after it expired says revoked', async () => {
    const key = await makeSiteKey();
    const text = await signed(key);
    const revoked = new Set(['p7k2m9x4qa']);
    expect(await judgePass(text, gateContext([key.trusted], { revoked }))).toMatchObject({ ...refused('revoked'), claims: makeClaims() });
    expect(await judgePass(text, gateContext([key.trusted], { revoked, at: T0 + 90 * DAY }))).toMatchObject(refused('revoked'));
    expect(await judgePass(await signed(key, { passId: 'newcard001' }), gateContext([key.trusted], { revoked }))).toMatchObject({ kind: 'valid' });
  });

  it('admits from the first second of validFrom up to, not including, validUntil', async () => {
    const key = await makeSiteKey();
    const text = await signed(key, { validFrom: T0, validUntil: T0 + DAY });
    const at = async (ms: number) => (await judgePass(text, gateContext([key.trusted], { now: ms }))) as { kind: string; reason?: string };
    expect(await at(T0 * 1000 - 1)).toMatchObject(refused('not-yet-valid'));
    expect(await at(T0 * 1000)).toMatchObject({ kind: 'valid' });
    expect(await at((T0 + DAY) * 1000 - 1)).toMatchObject({ kind: 'valid' });
    expect(await at((T0 + DAY) * 1000)).toMatchObject(refused('expired'));
    const open = await signed(key, { validUntil: null });
    expect(await judgePass(open, gateContext([key.trusted], { at: T0 + 3650 * DAY }))).toMatchObject({ kind: 'valid' });
  });

  it('keeps passes of a rotated key working, and refuses the old key used after it was retired', async () => {
    const rotation = T0 + 10 * DAY;
    const old = await makeSiteKey({ from: T0 - DAY, until: rotation });
    const current = await makeSiteKey({ from: rotation });
    const ctx = gateContext([old.trusted, current.trusted], { at: rotation + 5 * DAY });
    expect(await judgePass(await signed(old, { issuedAt: rotation - 1 }), ctx)).toMatchObject({ kind: 'valid', kid: old.generated.kid });
    expect(await judgePass(await signed(current, { issuedAt: rotation }), ctx)).toMatchObject({ kind: 'valid', kid: current.generated.kid });
    expect(await judgePass(await signed(old, { issuedAt: rotation }), ctx)).toMatchObject(refused('key-not-in-force'));
    expect(await judgePass(await signed(current, { issuedAt: rotation - 1 }), ctx)).toMatchObject(refused('key-not-in-force'));
    // A key that leaked is removed: its passes, backdated or not, name a key this site does not have.
    const withoutOld = gateContext([current.trusted], { at: rotation + 5 * DAY });
    expect(await judgePass(await signed(old, { issuedAt: rotation - 1 }), withoutOld)).toMatchObject(refused('unknown-key'));
  });

  it('leaves out trust-list entries that cannot be keys, and refuses what they would sign', async () => {
    const key = await makeSiteKey();
    const other = await makeSiteKey();
    const keys = new PassKeys(
      [
        { ...key.trusted, publicKey: other.generated.publicKey }, // listed under another key's kid
        { ...other.trusted, kid: 'XYZ' },
        { ...other.trusted, publicKey: new Uint8Array(31) },
        { ...other.trusted, until: other.trusted.from },
        null as unknown as TrustedKey
      ],
      webCryptoEd25519
    );
    expect(keys.ignored.map((i) => i.why)).toEqual(['kid', 'public key', 'window', 'not an entry']);
    expect(await judgePass(await signed(key), gateContext(keys))).toMatchObject({ ...refused('tampered'), detail: 'unusable key: Error: kid is not that of the public key' });
    expect(keys.ignored).toHaveLength(5);
  });

  it('leaves out a small-order public key, under which WebCrypto verifies a forgery', async () => {
    const identity = new Uint8Array(32);
    identity[0] = 1; // the neutral point: R = it and S = 0 satisfy S·B = R + k·A for every message
    const kid = await kidOf(identity);
    const payload = encodeClaims(makeClaims());
    const forgery = formatPassText({ kid: kidBytes(kid), payload, signature: Uint8Array.from([1, ...new Uint8Array(63)]) });
    const keys = new PassKeys([{ kid, publicKey: identity, from: 0, until: null }], webCryptoEd25519);
    expect(keys.ignored).toEqual([{ kid, why: 'weak public key' }]);
    expect(await judgePass(forgery, gateContext(keys))).toMatchObject(refused('unknown-key'));
    expect(new PassKeys([{ kid: '00000000', publicKey: new Uint8Array(32), from: 0, until: null }]).ignored).toHaveLength(1);
  });
});
