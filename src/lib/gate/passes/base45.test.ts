import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase45, encodeBase45 } from './base45';

const ascii = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('base45 (RFC 9285)', () => {
  it("encodes and decodes the RFC's examples", () => {
    const examples: [string, string][] = [
      ['AB', 'BB8'],
      ['Hello!!', '%69 VD92EX0'],
      ['base-45', 'UJCLQE7W581'],
      ['ietf!', 'QED8WEX0']
    ];
    for (const [plain, encoded] of examples) {
      expect(encodeBase45(ascii(plain))).toBe(encoded);
      const decoded = decodeBase45(encoded);
      expect(decoded.ok && text(decoded.bytes)).toBe(plain);
    }
  });

  it('encodes nothing as nothing', () => {
    expect(encodeBase45(new Uint8Array())).toBe('');
    expect(decodeBase45('')).toEqual({ ok: true, bytes: new Uint8Array() });
  });

  it('refuses what no bytes encode to, saying why', () => {
    // GGW is 16 + 16·45 + 32·2025 = 65536, the RFC's own example of an invalid triple.
    expect(decodeBase45('GGW')).toEqual({ ok: false, reason: 'a triple over 65535 at 0' });
    expect(decodeBase45('BB8:::')).toEqual({ ok: false, reason: 'a triple over 65535 at 3' });
    expect(decodeBase45('BB8:9')).toEqual({ ok: false, reason: 'a pair over 255 at 3' });
    expect(decodeBase45('BB8B')).toEqual({ ok: false, reason: 'a dangling character at 3' });
    expect(decodeBase45('bb8')).toEqual({ ok: false, reason: 'not a base45 character at 0' });
    expect(decodeBase45('BB8=0')).toEqual({ ok: false, reason: 'not a base45 character at 3' });
    expect(decodeBase45('BB8\u00e9A')).toEqual({ ok: false, reason: 'not a base45 character at 3' });
  });

  it('decodes from an offset, counting positions from it', () => {
    expect(decodeBase45('BP1:BB8', 4)).toEqual({ ok: true, bytes: Uint8Array.of(0x41, 0x42) });
    expect(decodeBase45('BP1:BB8=0', 4)).toEqual({ ok: false, reason: 'not a base45 character at 3' });
    expect(decodeBase45('BP1:GGW', 4)).toEqual({ ok: false, reason: 'a triple over 65535 at 0' });
    expect(decodeBase45('BP1:BB8B', 4)).toEqual({ ok: false, reason: 'a dangling character at 3' });
    expect(decodeBase45('BP1:', 4)).toEqual({ ok: true, bytes: new Uint8Array() });
  });

  it('round-trips any bytes, and never ends in a space a trim would eat', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = encodeBase45(bytes);
        expect(encoded.length).toBe(Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
        expect(encoded.endsWith(' ')).toBe(false);
        expect(decodeBase45(encoded)).toEqual({ ok: true, bytes });
      })
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: fc.constantFrom(...'0123456789ABCXYZ $%*+-./:a=\u00e9\u{1f600}') }), (s) => {
        const decoded = decodeBase45(s);
        if (decoded.ok) expect(encodeBase45(decoded.bytes)).toBe(s);
        else expect(decoded.reason).toMatch(/ at \d+$/);
      })
    );
  });
});
