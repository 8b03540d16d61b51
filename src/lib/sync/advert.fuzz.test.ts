import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDigest } from '$lib/core/digest';
import { STATIONS } from '$lib/core/types';
import { FUZZ_TIMEOUT, deviceId, fuzzRuns, hostileText, mutatedRecord, mutatedText, nest } from '$lib/core/fuzz-fixtures';
import { decodeAdvert, readAdvert, type Advert } from './advert';
import { MAX_ADVERT } from './wire';

const day = fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const digest = fc.record({ count: fc.nat(999_999_999), a: fc.nat(2 ** 32 - 1), b: fc.nat(2 ** 32 - 1) }).map(formatDigest);

/** Any advert a tablet sends. */
const advert: fc.Arbitrary<Advert> = fc.record({
  device: deviceId,
  name: fc.string({ unit: 'binary', maxLength: 64 }),
  station: fc.constantFrom(...STATIONS),
  entries: fc.maxSafeNat(),
  days: fc.dictionary(day, digest, { maxKeys: 62, noNullPrototype: true }),
  at: fc.maxSafeNat()
});

/** An advert as JSON keeps it (-0 and 0 are one count). */
const asSent = (a: Advert) => JSON.parse(JSON.stringify(a)) as Advert;

function expectAdvert(a: Advert | null): void {
  if (!a) return;
  expect(readAdvert(JSON.stringify(a))).toEqual(asSent(a));
}

describe('adverts under fuzzing', { timeout: FUZZ_TIMEOUT }, () => {
  it('read back every advert a tablet sends, which always fits its message', () => {
    fc.assert(
      fc.property(advert, (a) => {
        const text = JSON.stringify(a);
        expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(MAX_ADVERT);
        expect(readAdvert(text)).toEqual(a);
      }),
      { numRuns: fuzzRuns(0.5) }
    );
  });

  it('never throw on a value one edit off the valid shape, and accept only what a copy reads the same', () => {
    fc.assert(
      fc.property(advert.chain((a) => mutatedRecord({ ...a })), (raw) => {
        const got = decodeAdvert(raw);
        expectAdvert(got);
        if (got) expect(decodeAdvert(structuredClone(raw))).toEqual(got);
      }),
      { numRuns: fuzzRuns() }
    );
  });

  it('never throw on any text, JSON one edit off an advert, or deep nesting', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(200), advert.chain((a) => mutatedText(JSON.stringify(a))), fc.nat(200).map((d) => JSON.stringify(nest(d)))), (text) => {
        expectAdvert(readAdvert(text));
      }),
      { numRuns: fuzzRuns() }
    );
    expect(readAdvert('['.repeat(MAX_ADVERT))).toBeNull();
  });

  it('refuse by length before parsing: an advert padded to the cap is read, one character more is not', () => {
    const a: Advert = { device: 'deva0001', name: '北门 1 号', station: 'gate', entries: 3, days: { '2026-11-22': '3-0000abcd-0000ef01' }, at: 1 };
    const text = JSON.stringify(a);
    expect(readAdvert(text.padEnd(MAX_ADVERT, ' '))).toEqual(a);
    expect(readAdvert(text.padEnd(MAX_ADVERT + 1, ' '))).toBeNull();
  });

  it('refuse days that are not days, prototype keys included', () => {
    for (const key of ['__proto__', 'constructor', '2026-1-1', '2026-11-22 ']) {
      expect(readAdvert(`{"device":"deva0001","name":"a","station":"gate","entries":0,"at":1,"days":{"${key}":"3-0000abcd-0000ef01"}}`)).toBeNull();
    }
  });
});
