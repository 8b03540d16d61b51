import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_DIGEST, addToDigest, combineDigests, digestOf, formatDigest, parseDigest, sameDigest } from './digest';

const ids = fc.uniqueArray(fc.stringMatching(/^[0-9a-z]{8}:[0-9a-z]{1,4}$/), { maxLength: 60 });

describe('digest of an entry set', () => {
  it('does not depend on the order the entries arrived in', () => {
    fc.assert(
      fc.property(ids, fc.func(fc.integer()), (list, key) => {
        const shuffled = [...list].sort((x, y) => key(x) - key(y));
        expect(sameDigest(digestOf(list), digestOf(shuffled))).toBe(true);
      })
    );
  });

  it('differs when one entry is missing or different', () => {
    fc.assert(
      fc.property(ids.filter((l) => l.length > 0), (list) => {
        const full = digestOf(list);
        expect(sameDigest(full, digestOf(list.slice(1)))).toBe(false);
        expect(sameDigest(full, digestOf([...list.slice(1), 'zzzzzzzz:zzzzz']))).toBe(false);
      })
    );
  });

  it('combines disjoint days into the digest of the union', () => {
    fc.assert(
      fc.property(ids, fc.nat(), (list, cut) => {
        const i = list.length ? cut % list.length : 0;
        const joined = combineDigests(digestOf(list.slice(0, i)), digestOf(list.slice(i)));
        expect(sameDigest(joined, digestOf(list))).toBe(true);
      })
    );
  });

  it('reads back its own text form and nothing else', () => {
    fc.assert(
      fc.property(ids, (list) => {
        const d = digestOf(list);
        expect(parseDigest(formatDigest(d))).toEqual(d);
      })
    );
    expect(formatDigest(EMPTY_DIGEST)).toBe('0-00000000-00000000');
    for (const bad of ['', '1-abc-def', '-1-00000000-00000000', '1-0000000G-00000000', '1-00000000-00000000\n']) expect(parseDigest(bad)).toBeNull();
  });

  it('is incremental: adding one id equals digesting the larger set', () => {
    const base = digestOf(['a1b2c3d4:1', 'a1b2c3d4:2']);
    expect(addToDigest(base, 'a1b2c3d4:3')).toEqual(digestOf(['a1b2c3d4:1', 'a1b2c3d4:2', 'a1b2c3d4:3']));
  });
});
