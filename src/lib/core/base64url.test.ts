import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromBase64url, toBase64url } from './base64url';

describe('base64url', () => {
  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(fromBase64url(toBase64url(bytes))).toEqual(bytes);
      }));
  });
  it('writes RFC 4648 test vectors without padding, in the URL alphabet', () => {
    expect(toBase64url(new TextEncoder().encode('foob'))).toBe('Zm9vYg');
    expect(toBase64url(Uint8Array.from([0xfb, 0xff]))).toBe('-_8');
  });
  it('refuses padding, the other alphabet, impossible lengths and non-canonical text', () => {
    for (const bad of ['Zm9vYg==', '+/8', 'Zm9vY', 'Zm9vYh', 'ab c']) expect(fromBase64url(bad)).toBeNull();
  });
});
