import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_DIGEST, addToDigest, combineDigests, compareDays, digestOf, formatDigest, parseDigest, sameDigest } from './digest';

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

describe('comparing two tablets day by day', () => {
  const text = (ids: string[]) => formatDigest(digestOf(ids));
  it('says same only when every day agrees, and by how much each side is behind', () => {
    const mine = { '2026-11-22': text(['a0000001:1', 'a0000001:2', 'b0000001:1']), '2026-11-21': text(['a0000001:0']) };
    expect(compareDays(mine, { ...mine })).toEqual({ same: true, differing: [], theyLack: 0, weLack: 0 });
    const behind = { '2026-11-22': text(['a0000001:1']) };
    expect(compareDays(mine, behind)).toEqual({ same: false, differing: ['2026-11-22', '2026-11-21'], theyLack: 3, weLack: 0 });
    expect(compareDays(behind, mine)).toMatchObject({ theyLack: 0, weLack: 3 });
    const swapped = { ...mine, '2026-11-22': text(['a0000001:1', 'a0000001:2', 'c0000001:1']) };
    expect(compareDays(mine, swapped)).toEqual({ same: false, differing: ['2026-11-22'], theyLack: 0, weLack: 0 });
  });

  it('treats an empty day like a missing one', () => {
    expect(compareDays({ '2026-11-22': text([]) }, {}).same).toBe(true);
  });
});
