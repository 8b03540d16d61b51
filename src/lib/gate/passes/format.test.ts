import { describe, expect, it } from 'vitest';
import { create } from 'qrcode';
import fc from 'fast-check';
import { cleanCode } from '$lib/core/code';
import { decodeBase45, encodeBase45 } from './base45';
import { encodeCbor } from './cbor';
import { encodeClaims } from './claims';
import { isPassText, MAX_PASS_TEXT, parseSign1, readPassText, sigStructure } from './format';
import { judgePass } from './judge';
import { kidBytes } from './keys';
import { gateContext, makeClaims, makeSiteKey, signed } from './pass-fixtures';
import { newPassId } from './sign';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const coseOf = (text: string) => {
  const d = decodeBase45(text.slice(4));
  if (!d.ok) throw new Error(d.reason);
  return d.bytes;
};
const passOf = (bytes: Uint8Array) => 'BP1:' + encodeBase45(bytes);

describe('the pass format', () => {
  it('is BP1: and base45 of a tagged COSE_Sign1 {alg EdDSA, kid}, {}, claims, signature', async () => {
    const key = await makeSiteKey();
    const text = await signed(key);
    const cose = coseOf(text);
    const payload = encodeClaims(makeClaims());
    const head = `d284` + `49a2012704` + `44${key.generated.kid}` + `a0` + `58${payload.length.toString(16)}${hex(payload)}` + `5840`;
    expect(hex(cose).startsWith(head)).toBe(true);
    expect(cose.length).toBe(head.length / 2 + 64);
    // The signature covers RFC 9052's Sig_structure: ["Signature1", protected, h'', payload].
    const sig = sigStructure(kidBytes(key.generated.kid), payload);
    expect(hex(sig)).toBe(`846a${hex(new TextEncoder().encode('Signature1'))}49a201270444${key.generated.kid}40` + `58${payload.length.toString(16)}${hex(payload)}`);
  });

  it('keeps a pass small enough for a QR code of version 8 (measured)', async () => {
    const key = await makeSiteKey();
    const typical = await signed(key, { passId: newPassId(), holder: { kind: 'person', id: 'k3x9a2b1' } });
    const household = await signed(key, { passId: newPassId() });
    const longest = await signed(key, { siteId: 's'.repeat(16), passId: 'p'.repeat(16), holder: { kind: 'person', id: 'h'.repeat(16) } });
    const version = (text: string) => create(text, { errorCorrectionLevel: 'M' }).version;
    for (const [name, text] of [['typical person', typical], ['household', household], ['all ids 16 chars', longest]] as const) {
      console.log(`pass size, ${name}: ${coseOf(text).length} bytes COSE, ${text.length} characters, QR version ${version(text)}-M`);
    }
    expect(coseOf(typical).length).toBeLessThanOrEqual(130);
    expect(version(typical)).toBeLessThanOrEqual(8);
    expect(longest.length).toBeLessThan(MAX_PASS_TEXT);
  });

  it('reads the pass untagged too, but no other second form of the unsigned framing', async () => {
    const key = await makeSiteKey();
    const cose = coseOf(await signed(key));
    const ctx = gateContext([key.trusted]);
    expect(await judgePass(passOf(cose.subarray(1)), ctx)).toMatchObject({ kind: 'valid' });
    // The signature's length written in two bytes instead of one: same parts, another form.
    const long = new Uint8Array([...cose.subarray(0, cose.length - 66), 0x59, 0x00, 0x40, ...cose.subarray(cose.length - 64)]);
    expect(parseSign1(long)).toEqual({ ok: false, detail: 'not the canonical encoding' });
    expect(await judgePass(passOf(long), ctx)).toMatchObject({ kind: 'refused', reason: 'forged' });
  });

  it('refuses what is not a COSE_Sign1 of EdDSA with a kid', () => {
    const parts = (protectedMap: Map<number, unknown>, unprotected: unknown = new Map(), signature = new Uint8Array(64)) =>
      encodeCbor([encodeCbor(protectedMap), unprotected, encodeClaims(makeClaims()), signature]);
    const kid = Uint8Array.of(1, 2, 3, 4);
    expect(parseSign1(parts(new Map<number, unknown>([[1, -8], [4, kid]])))).toMatchObject({ ok: true });
    const cases: [Uint8Array, string][] = [
      [parts(new Map<number, unknown>([[1, -7], [4, kid]])), 'algorithm -7'],
      [parts(new Map<number, unknown>([[1, -8]])), 'protected header shape'],
      [parts(new Map<number, unknown>([[1, -8], [4, 'kid']])), 'kid'],
      [parts(new Map<number, unknown>([[1, -8], [4, kid]]), []), 'unprotected header not empty'],
      [parts(new Map<number, unknown>([[1, -8], [4, kid]]), new Map([[4, kid]])), 'unprotected header not empty'],
      [parts(new Map<number, unknown>([[1, -8], [4, kid]]), new Map(), new Uint8Array(63)), 'signature length'],
      [encodeCbor([1, 2, 3]), 'not a COSE_Sign1 array'],
      [encodeCbor(['a', new Map(), 'b', 'c']), 'COSE_Sign1 parts are not byte strings'],
      [Uint8Array.of(0xd3, 0x80), 'not a COSE_Sign1 array']
    ];
    for (const [bytes, detail] of cases) expect(parseSign1(bytes)).toEqual({ ok: false, detail });
  });

  it('is recognised by its prefix, as a scanner may type it', async () => {
    const text = await signed(await makeSiteKey());
    expect(isPassText(text)).toBe(true);
    expect(isPassText(text.toLowerCase())).toBe(true);
    expect(isPassText(']Q1' + text + '\r\n')).toBe(true);
    expect(isPassText('BST:DEMO0001:K3X9A2B1')).toBe(false);
    expect(isPassText('HC1:6BFOXN%TS3DH0YOJ58S')).toBe(false);
    expect(isPassText('https://example.com/BP1:')).toBe(false);
  });

  it('reads a pass a wedge scanner typed under Caps Lock, or with its own prefix and line end', async () => {
    const key = await makeSiteKey();
    const text = await signed(key);
    const ctx = gateContext([key.trusted]);
    expect(await judgePass(text.toLowerCase(), ctx)).toMatchObject({ kind: 'valid' });
    expect(await judgePass(']Q1' + text + '\r\n', ctx)).toMatchObject({ kind: 'valid' });
  });

  it('reads a text as printed exactly as it reads it cleaned (the cleaning it skips changes nothing)', () => {
    // What readPassText does to any text, cleaning first, as every scan is cleaned.
    const cleanedFirst = (text: string) => {
      if (!isPassText(text)) return { ok: false, detail: 'no BP1: prefix' };
      const clean = text.length > MAX_PASS_TEXT * 2 ? '' : cleanCode(text).toUpperCase();
      if (clean.length > MAX_PASS_TEXT || clean === '') return { ok: false, detail: 'too long' };
      const decoded = decodeBase45(clean.slice(4));
      return decoded.ok ? { ok: true, value: decoded.bytes } : { ok: false, detail: `base45: ${decoded.reason}` };
    };
    const prefix = fc.constantFrom('BP1:', 'bp1:', ']Q1BP1:', ' BP1:', '\u200bBP1:', 'BP1：');
    // Mostly base45, as printed; sometimes with a character cleaning would change or drop.
    const printed = fc.string({ unit: fc.constantFrom(...'0123456789ABCXYZ $%*+-./:'), maxLength: 420 });
    const odd = fc.constantFrom('', ' ', 'a', 'z', '\u3000', '\u200b', '\r\n', 'Ａ', '\\000026', ']');
    const body = fc.tuple(printed, odd, fc.nat()).map(([text, ch, at]) => text.slice(0, at % (text.length + 1)) + ch + text.slice(at % (text.length + 1)));
    fc.assert(
      fc.property(prefix, body, (head, rest) => {
        expect(readPassText(head + rest)).toEqual(cleanedFirst(head + rest));
      }),
      { numRuns: 2000, seed: 4 }
    );
  });

  it('is capped before anything is decoded', () => {
    expect(readPassText('BP1:' + '0'.repeat(MAX_PASS_TEXT))).toEqual({ ok: false, detail: 'too long' });
    expect(readPassText('BP1:' + '0'.repeat(10_000_000))).toEqual({ ok: false, detail: 'too long' });
    expect(readPassText('BP1:BB8')).toEqual({ ok: true, value: Uint8Array.of(0x41, 0x42) });
  });
});
