/**
 * The pass trust codec under fuzzing: the site doc's `passKeys` and `revoked` maps are
 * written by peers, so the decoders meet any key and any value. They must never throw, read
 * back whatever a tablet writes, and accept only values that keep their reading through a copy
 * (what sync and IndexedDB do to them).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromBase64url, toBase64url } from './base64url';
import { fuzzRuns, hostileText, mutatedRecord, mutatedText, ownKeys } from './fuzz-fixtures';
import { decodeRevocation, decodeStoredPassKey, type Revocation, type StoredPassKey } from './pass-trust-codec';

const kid = fc.stringMatching(/^[0-9a-f]{8}$/);
const passId = fc.stringMatching(/^[0-9a-z]{4,16}$/).filter((id) => id !== 'constructor');

/** Any key entry a tablet writes. */
const storedKey: fc.Arbitrary<StoredPassKey> = fc
  .record({
    p: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(toBase64url),
    f: fc.integer({ min: 0, max: 0xfffffffe }),
    span: fc.option(fc.integer({ min: 1, max: 0xffffffff }), { nil: undefined }),
    c: fc.option(fc.uint8Array({ minLength: 64, maxLength: 64 }).map(toBase64url), { nil: undefined })
  })
  .map(({ span, c, ...k }) => {
    const out: StoredPassKey = { ...k };
    if (span !== undefined) out.u = Math.min(0xffffffff, k.f + span);
    if (c !== undefined) out.c = c;
    return out;
  });

/** Any revocation a tablet writes. */
const revocation: fc.Arbitrary<Revocation> = fc
  .record({ at: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), by: fc.string({ unit: 'binary', maxLength: 40 }).filter((b) => b.length <= 40), holder: fc.option(passId, { nil: undefined }) })
  .map(({ holder, ...r }) => (holder === undefined ? r : { ...r, holder }));

const copied = (v: unknown) => structuredClone(v);

describe('pass trust codec under fuzzing', () => {
  it('reads back every key entry and revocation a tablet writes', () => {
    fc.assert(
      fc.property(kid, storedKey, passId, revocation, (k, key, id, r) => {
        expect(decodeStoredPassKey(k, key)).toEqual(key);
        expect(decodeRevocation(id, r)).toEqual(r);
      }),
      { numRuns: fuzzRuns(0.5) }
    );
  });

  it('never throws on a key entry one edit off, and what it accepts is a key of 32 bytes in a window that keeps its reading', () => {
    const hostileKid = fc.oneof(kid, kid.chain(mutatedText), hostileText(12));
    fc.assert(
      fc.property(hostileKid, storedKey.chain((k) => fc.oneof(mutatedRecord({ ...k }), mutatedRecord({ ...k }, ownKeys))), (k, raw) => {
        const got = decodeStoredPassKey(k, raw);
        if (!got) return;
        expect(k).toMatch(/^[0-9a-f]{8}$/);
        expect(fromBase64url(got.p)?.length).toBe(32);
        if (got.c !== undefined) expect(fromBase64url(got.c)?.length).toBe(64);
        if (got.u !== undefined) expect(got.u).toBeGreaterThan(got.f);
        expect(decodeStoredPassKey(k, copied(raw))).toEqual(got);
      }),
      { numRuns: fuzzRuns() }
    );
  });

  it('never throws on a revocation one edit off, and what it accepts keeps its reading through a copy', () => {
    const hostileId = fc.oneof(passId, passId.chain(mutatedText), hostileText(20), fc.constantFrom('__proto__', 'constructor'));
    fc.assert(
      fc.property(hostileId, revocation.chain((r) => fc.oneof(mutatedRecord({ ...r }), mutatedRecord({ ...r }, ownKeys))), (id, raw) => {
        const got = decodeRevocation(id, raw);
        if (!got) return;
        expect(id).toMatch(/^[0-9a-z]{4,16}$/);
        expect(id).not.toBe('constructor');
        expect(Number.isSafeInteger(got.at) && got.at >= 0).toBe(true);
        expect(decodeRevocation(id, copied(raw))).toEqual(got);
      }),
      { numRuns: fuzzRuns() }
    );
  });
});
