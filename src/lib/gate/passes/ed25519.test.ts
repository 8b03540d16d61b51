import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBase45, encodeBase45 } from './base45';
import { nobleEd25519, webCryptoEd25519 } from './ed25519';
import { judgePass } from './judge';
import { generatePassKey, importSigningKey, kidOf, PassKeys } from './keys';
import { gateContext, makeClaims, makeSiteKey, T0 } from './pass-fixtures';
import { signPass } from './sign';
import { utils } from '@noble/ed25519';
import { encodeClaims } from './claims';
import { formatPassText, sigStructure } from './format';
import { kidBytes } from './keys';

/** The order of Ed25519's prime subgroup. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

/** Every single-bit flip of the COSE bytes at some spread-out positions, as pass texts. */
function someFlips(text: string, count: number): string[] {
  const d = decodeBase45(text.slice(4));
  if (!d.ok) throw new Error(d.reason);
  const bits = d.bytes.length * 8;
  return Array.from({ length: count }, (_, i) => {
    const bit = Math.floor((i * bits) / count);
    const bytes = d.bytes.slice();
    bytes[bit >> 3]! ^= 1 << (bit & 7);
    return 'BP1:' + encodeBase45(bytes);
  });
}

describe('Ed25519 in WebCrypto and in noble', () => {
  it('give the same verdict on valid and changed passes', async () => {
    const key = await makeSiteKey();
    const passes = await Promise.all([0, 1, 2].map((i) => signPass(makeClaims({ passId: `pass000${i}`, validUntil: i ? T0 + 99 : null }), key.signing)));
    const texts = passes.flatMap((p) => [p, ...someFlips(p, 60)]);
    const judge = (keys: PassKeys) => Promise.all(texts.map((t) => judgePass(t, gateContext(keys, { at: T0 + 50 }))));
    const byWebCrypto = await judge(new PassKeys([key.trusted], webCryptoEd25519));
    const byNoble = await judge(new PassKeys([key.trusted], nobleEd25519));
    expect(byNoble).toEqual(byWebCrypto);
    // Both were asked about real signatures: the three passes, and flips that reach the verifier.
    const count = (kind: string) => byWebCrypto.filter((v) => (v.kind === 'valid' ? 'valid' : v.reason) === kind).length;
    expect(count('valid')).toBe(3);
    expect(count('tampered')).toBeGreaterThan(100);
  });

  it('agree on a signature only ZIP-215 would accept (the neutral point as R, written non-canonically)', async () => {
    // Made with the private scalar, as only the key's holder could: R = 0·B with its sign bit
    // set, S = k·a. noble's default (ZIP-215) accepts it; RFC 8032, and so WebCrypto, does not.
    const key = await makeSiteKey();
    const { scalar, pointBytes } = await utils.getExtendedPublicKeyAsync(key.generated.privateKey.slice(16));
    const kid = kidBytes(key.generated.kid);
    const payload = encodeClaims(makeClaims());
    const r = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : i === 31 ? 0x80 : 0));
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-512', Uint8Array.from([...r, ...pointBytes, ...sigStructure(kid, payload)])));
    const k = hash.reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n) % L;
    const s = Uint8Array.from({ length: 32 }, (_, i) => Number(((k * scalar) % L >> BigInt(8 * i)) & 255n));
    const pass = formatPassText({ kid, payload, signature: Uint8Array.from([...r, ...s]) });
    for (const ed of [webCryptoEd25519, nobleEd25519]) {
      expect(await judgePass(pass, gateContext(new PassKeys([key.trusted], ed)))).toMatchObject({ kind: 'refused', reason: 'tampered' });
    }
  });

  it('read each other’s keys: one PKCS#8 signs alike in both, one public key verifies both', async () => {
    for (const [maker, other] of [
      [webCryptoEd25519, nobleEd25519],
      [nobleEd25519, webCryptoEd25519]
    ] as const) {
      const key = await generatePassKey(maker);
      expect(key.kid).toBe(await kidOf(key.publicKey));
      expect(key.kid).toMatch(/^[0-9a-f]{8}$/);
      expect([key.publicKey.length, key.privateKey.length]).toEqual([32, 48]);
      const trusted = { kid: key.kid, publicKey: key.publicKey, from: 0, until: null };
      const a = await signPass(makeClaims(), await importSigningKey(key, maker));
      const b = await signPass(makeClaims(), await importSigningKey(key, other));
      expect(a).toBe(b); // Ed25519 is deterministic
      expect(await judgePass(a, gateContext(new PassKeys([trusted], other)))).toMatchObject({ kind: 'valid' });
    }
  });

  it('refuses a private key that is not Ed25519 PKCS#8', async () => {
    await expect(importSigningKey({ kid: '00000000', privateKey: new Uint8Array(48) }, nobleEd25519)).rejects.toThrow('not an Ed25519 PKCS#8 key');
    await expect(importSigningKey({ kid: '00000000', privateKey: new Uint8Array(48) }, webCryptoEd25519)).rejects.toThrow();
  });

  it('is detected once: WebCrypto where it verifies, noble with the reason where it does not', async () => {
    const { detectEd25519 } = await import('./ed25519');
    const first = detectEd25519();
    expect(detectEd25519()).toBe(first);
    expect((await first).name).toBe('webcrypto');

    vi.resetModules();
    const importKey = vi.spyOn(crypto.subtle, 'importKey').mockRejectedValueOnce(new DOMException('Unrecognized name.', 'NotSupportedError'));
    const fresh = await import('./ed25519');
    const fallback = await fresh.detectEd25519();
    expect(importKey).toHaveBeenCalledTimes(1);
    expect(fallback).toMatchObject({ name: 'noble', fallbackBecause: 'NotSupportedError: Unrecognized name.' });
    // Detected passes judge as the others do.
    const key = await makeSiteKey();
    const pass = await signPass(makeClaims(), key.signing);
    expect(await judgePass(pass, gateContext(new PassKeys([key.trusted], fallback)))).toMatchObject({ kind: 'valid' });
  });
});
