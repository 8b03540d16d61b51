import { describe, expect, it } from 'vitest';
import { toBase64url } from './base64url';
import { assignKeys, ownKeys } from './fuzz-fixtures';
import { decodeRevocation, decodeStoredPassKey, type Revocation, type StoredPassKey } from './pass-trust-codec';

const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);
/** A key entry as gate/passes/trust-list.ts certifyKey writes it (the bytes are any: only the shape is checked here). */
const P = toBase64url(bytes(32));
const C = toBase64url(bytes(64, 9));
const KID = '0a1b2c3d';
const key = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ p: P, f: 1_772_323_200, c: C, ...over });
const without = (k: string) => Object.fromEntries(Object.entries(key()).filter(([x]) => x !== k));

describe('decodeStoredPassKey', () => {
  it('reads what a tablet writes: a certified key, with or without an end, and the root with no certificate', () => {
    const forever: StoredPassKey = { p: P, f: 1_772_323_200, c: C };
    expect(decodeStoredPassKey(KID, forever)).toEqual(forever);
    expect(decodeStoredPassKey(KID, { ...forever, u: 1_772_323_201 })).toEqual({ ...forever, u: 1_772_323_201 });
    expect(decodeStoredPassKey(KID, { p: P, f: 0 })).toEqual({ p: P, f: 0 });
    expect(decodeStoredPassKey(KID, { p: P, f: 0, u: 0xffffffff })).toEqual({ p: P, f: 0, u: 0xffffffff });
    // What it gives back is its own copy, of the stored fields only.
    const extra = { ...forever, x: 'kept by nobody' };
    const got = decodeStoredPassKey(KID, extra);
    expect(got).toEqual(forever);
    expect(got).not.toBe(extra);
  });

  it('refuses a kid that is not 8 lower-case hex characters, prototype keys among them', () => {
    for (const kid of ['', '0a1b2c3', '0a1b2c3d4', '0A1B2C3D', 'g0000000', ' 0a1b2c3d', '0a1b2c3d\n', '__proto__', 'constructor', 'toString']) {
      expect(decodeStoredPassKey(kid, key()), kid).toBeNull();
    }
  });

  it('refuses a value that is no plain record', () => {
    const inherited = Object.create(key()) as unknown;
    for (const raw of [undefined, null, 0, 'p', [], [P, 0], new Uint8Array(32), new Date(0), inherited, assignKeys([['__proto__', key()]])]) {
      expect(decodeStoredPassKey(KID, raw)).toBeNull();
    }
    // `__proto__` as an own field (a hostile sender's) is only an extra field.
    expect(decodeStoredPassKey(KID, ownKeys([...Object.entries(key()), ['__proto__', { u: 1 }]]))).toEqual(key());
  });

  it('refuses a public key of the wrong length, outside base64url, or not the canonical text of its bytes', () => {
    const badP = [
      toBase64url(bytes(31)),
      toBase64url(bytes(33)),
      P.slice(0, 42),
      P + 'A',
      P.slice(0, 42) + '+',
      P.slice(0, 42) + '/',
      P.slice(0, 41) + '==',
      P.slice(0, 42) + 'B', // 43 characters, but the last one's two stray bits set
      ' ' + P.slice(1),
      'Ａ'.repeat(43),
      32,
      null,
      bytes(32)
    ];
    for (const p of badP) expect(decodeStoredPassKey(KID, key({ p })), String(p)).toBeNull();
    expect(decodeStoredPassKey(KID, without('p'))).toBeNull();
  });

  it('refuses a window that is not whole seconds of 32 bits, or ends where it starts or before', () => {
    for (const f of [-1, 1.5, 2 ** 32, Number.MAX_SAFE_INTEGER + 1, 1e21, NaN, Infinity, '0', null, 10n]) {
      expect(decodeStoredPassKey(KID, key({ f })), String(f)).toBeNull();
    }
    expect(decodeStoredPassKey(KID, without('f'))).toBeNull();
    for (const u of [1_772_323_200, 1_772_323_199, 0, -1, 2 ** 32, 1.5, null, '1772323201', NaN]) {
      expect(decodeStoredPassKey(KID, key({ u })), String(u)).toBeNull();
    }
  });

  it('refuses a certificate that is not 64 bytes of canonical base64url', () => {
    for (const c of ['', toBase64url(bytes(63)), toBase64url(bytes(65)), C.slice(0, 85) + 'B', C.slice(0, 85) + '=', C.replace(/^./, '+'), 64, null, bytes(64)]) {
      expect(decodeStoredPassKey(KID, key({ c })), String(c)).toBeNull();
    }
  });
});

describe('decodeRevocation', () => {
  const PASS = 'p7k2m9x4qa';
  const revocation = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ at: 1_795_000_000_000, by: '赵主管', holder: 'h3b2u1r0502', ...over });

  it('reads what a tablet writes, with or without the holder', () => {
    const r: Revocation = { at: 1_795_000_000_000, by: '赵主管', holder: 'h3b2u1r0502' };
    expect(decodeRevocation(PASS, r)).toEqual(r);
    expect(decodeRevocation(PASS, { at: 0, by: '' })).toEqual({ at: 0, by: '' });
    expect(decodeRevocation('abcd', { at: 1, by: 'x'.repeat(40) })).toEqual({ at: 1, by: 'x'.repeat(40) });
    expect(decodeRevocation('a'.repeat(16), revocation({ extra: 1 }))).toEqual(r);
  });

  it('refuses a pass id out of its rules, prototype keys among them', () => {
    for (const id of ['', 'abc', 'a'.repeat(17), 'P7K2M9X4QA', 'p7k2-m9x4', 'p7k2m9x4qa ', '__proto__', 'constructor']) {
      expect(decodeRevocation(id, revocation()), id).toBeNull();
    }
  });

  it('refuses a value that is no plain record, a time that is no whole ms since the epoch, a long or missing name, a bad holder', () => {
    for (const raw of [null, undefined, 'revoked', 1, [], Object.create(revocation()) as unknown, assignKeys([['__proto__', revocation()]])]) {
      expect(decodeRevocation(PASS, raw)).toBeNull();
    }
    for (const at of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1, 1e21, NaN, Infinity, '1', null, undefined]) {
      expect(decodeRevocation(PASS, revocation({ at })), String(at)).toBeNull();
    }
    for (const by of ['x'.repeat(41), 5, null, undefined, ['赵']]) expect(decodeRevocation(PASS, revocation({ by })), String(by)).toBeNull();
    for (const holder of ['', 'abc', 'A1B2', 'h'.repeat(17), '__proto__', 7, null]) {
      expect(decodeRevocation(PASS, revocation({ holder })), String(holder)).toBeNull();
    }
  });
});
