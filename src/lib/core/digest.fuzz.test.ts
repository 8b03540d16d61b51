import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDigest, parseDigest } from './digest';
import { fuzzRuns, hostileText, mutatedText } from './fuzz-fixtures';

const digest = fc.record({ count: fc.nat(999_999_999), a: fc.nat(2 ** 32 - 1), b: fc.nat(2 ** 32 - 1) });

describe('parseDigest under fuzzing', () => {
  it('reads back every digest it formats', () => {
    fc.assert(
      fc.property(digest, (d) => {
        expect(parseDigest(formatDigest(d))).toEqual(d);
      }),
      { numRuns: fuzzRuns() }
    );
  });

  it('never throws, and reads only digests it would write the same way', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(40), digest.chain((d) => mutatedText(formatDigest(d)))), (text) => {
        const d = parseDigest(text);
        if (d) expect(formatDigest(d)).toBe(text);
      }),
      { numRuns: fuzzRuns() }
    );
  });

  it('regression: refuses a count with a leading zero, a second text for the same digest', () => {
    expect(parseDigest('0-0000abcd-0000ef01')).toEqual({ count: 0, a: 0xabcd, b: 0xef01 });
    expect(parseDigest('07-0000abcd-0000ef01')).toBeNull();
  });
});
