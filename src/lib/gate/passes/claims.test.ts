import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { claimsProblem, decodeClaims, encodeClaims } from './claims';
import { encodeCbor } from './cbor';
import { claimsArb, makeClaims, T0 } from './pass-fixtures';
import { newPassId } from './sign';

/** The claims array of `makeClaims`, with some positions replaced. */
function payload(replace: Record<number, unknown>, length = 9): Uint8Array {
  const a: unknown[] = [1, 'demo0001', 'p7k2m9x4qa', 2, 'h3b2u1r0502', 1, T0, T0, T0 + 100];
  for (const [i, v] of Object.entries(replace)) a[Number(i)] = v;
  return encodeCbor(a.slice(0, length));
}

describe('pass claims', () => {
  it('round-trip through CBOR, whatever they are', () => {
    fc.assert(
      fc.property(claimsArb, (claims) => {
        expect(claimsProblem(claims)).toBeNull();
        expect(decodeClaims(encodeClaims(claims))).toEqual({ ok: true, claims });
      })
    );
  });

  it('are one small array of positions, with nothing personal in it', () => {
    const bytes = encodeClaims(makeClaims());
    expect(bytes[0]).toBe(0x89); // array(9)
    expect(bytes.length).toBeLessThan(60);
    expect(decodeClaims(payload({}))).toMatchObject({ ok: true, claims: { holder: { kind: 'household' }, kind: 'resident' } });
  });

  it('refuse every malformed field when read', () => {
    const bad: [Uint8Array, string][] = [
      [payload({}, 8), 'claims: not an array of 9'],
      [encodeCbor({ 0: 1 }), 'claims: not an array of 9'],
      [payload({ 0: 2 }), 'claims: version 2'],
      [payload({ 1: 'DEMO0001' }), 'claims: site id'],
      [payload({ 1: 'ab' }), 'claims: site id'],
      [payload({ 2: 42 }), 'claims: pass id'],
      [payload({ 3: 3 }), 'claims: holder or pass kind'],
      [payload({ 3: '1' }), 'claims: holder or pass kind'],
      [payload({ 5: 0 }), 'claims: holder or pass kind'],
      [payload({ 5: 1.5 }), 'claims: holder or pass kind'],
      [payload({ 4: 'x'.repeat(17) }), 'claims: holder'],
      [payload({ 6: -1 }), 'claims: times (epoch seconds, uint32)'],
      [payload({ 7: 2 ** 32 }), 'claims: times (epoch seconds, uint32)'],
      [payload({ 7: T0 + 0.5 }), 'claims: times (epoch seconds, uint32)'],
      [payload({ 8: T0 }), 'claims: valid until'],
      [payload({ 8: 'never' }), 'claims: valid until']
    ];
    for (const [bytes, detail] of bad) expect(decodeClaims(bytes)).toEqual({ ok: false, detail });
    expect(decodeClaims(Uint8Array.of(0x89, 0x01))).toMatchObject({ ok: false, detail: expect.stringMatching(/^cbor: /) });
  });

  it('say what is wrong with claims no pass may carry', () => {
    expect(claimsProblem(makeClaims({ validUntil: null }))).toBeNull();
    expect(claimsProblem(makeClaims({ validFrom: Date.now() }))).toBe('times (epoch seconds, uint32)');
    expect(claimsProblem(makeClaims({ validUntil: T0 - 1 }))).toBe('valid until');
    expect(claimsProblem(makeClaims({ passId: 'P1' }))).toBe('pass id');
  });

  it('take fresh pass ids of 48 random bits, always a valid id', () => {
    expect(newPassId(new Uint8Array(6))).toBe('0000000000');
    expect(newPassId(new Uint8Array(6).fill(255))).toBe('2rrvthnxtr');
    expect(claimsProblem(makeClaims({ passId: newPassId() }))).toBeNull();
    expect(new Set(Array.from({ length: 1000 }, () => newPassId())).size).toBe(1000);
  });
});
