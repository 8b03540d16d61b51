import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LARGE_NEW_ENERGY, PLATE_DIGITS, PLATE_LETTERS, PROVINCES, SMALL_NEW_ENERGY, checkPlate, nextKeys, normalizePlate } from './plate';

const province = fc.constantFrom(...PROVINCES);
const letter = fc.constantFrom(...PLATE_LETTERS);
const digit = fc.constantFrom(...PLATE_DIGITS);
const alnum = fc.oneof(letter, digit);
const join = (parts: string[]) => parts.join('');

const ordinary = fc.tuple(province, letter, fc.array(alnum, { minLength: 5, maxLength: 5 })).map(([p, o, s]) => p + o + join(s));
const smallNewEnergy = fc
  .tuple(province, letter, fc.constantFrom(...SMALL_NEW_ENERGY), alnum, fc.array(digit, { minLength: 4, maxLength: 4 }))
  .map(([p, o, t, s, d]) => p + o + t + s + join(d));
const largeNewEnergy = fc
  .tuple(province, letter, fc.array(digit, { minLength: 5, maxLength: 5 }), fc.constantFrom(...LARGE_NEW_ENERGY))
  .map(([p, o, d, t]) => p + o + join(d) + t);

describe('checkPlate', () => {
  it('has the 31 provinces and 24 letters (no I, no O)', () => {
    expect(PROVINCES).toHaveLength(31);
    expect(new Set(PROVINCES).size).toBe(31);
    expect(PLATE_LETTERS).toHaveLength(24);
    expect(PLATE_LETTERS).not.toContain('I');
    expect(PLATE_LETTERS).not.toContain('O');
  });

  it('accepts every ordinary plate of 7 and both kinds of new-energy plate of 8', () => {
    fc.assert(fc.property(ordinary, (p) => void expect(checkPlate(p)).toEqual({ ok: true, plate: p, kind: 'ordinary' })));
    fc.assert(fc.property(smallNewEnergy, (p) => void expect(checkPlate(p)).toEqual({ ok: true, plate: p, kind: 'new-energy-small' })));
    fc.assert(fc.property(largeNewEnergy, (p) => void expect(checkPlate(p)).toEqual({ ok: true, plate: p, kind: 'new-energy-large' })));
  });

  it('the examples of the rule', () => {
    expect(checkPlate('京A12345')).toMatchObject({ ok: true, kind: 'ordinary' });
    expect(checkPlate('粤BD12345')).toMatchObject({ ok: true, kind: 'new-energy-small' });
    expect(checkPlate('沪AF1A234')).toMatchObject({ ok: false, problem: { kind: 'small-digits', position: 5, char: 'A' } });
    expect(checkPlate('京AFA1234')).toMatchObject({ ok: true, kind: 'new-energy-small' });
    expect(checkPlate('粤B12345D')).toMatchObject({ ok: true, kind: 'new-energy-large' });
    expect(checkPlate('粤B12345F')).toMatchObject({ ok: true, kind: 'new-energy-large' });
  });

  it('refuses any plate with an I or an O, saying where', () => {
    const withIO = fc.tuple(fc.oneof(ordinary, smallNewEnergy, largeNewEnergy), fc.constantFrom('I', 'O'), fc.nat()).map(([p, c, i]) => {
      const chars = Array.from(p);
      const at = 1 + (i % (chars.length - 1));
      chars[at] = c;
      return { plate: chars.join(''), at: at + 1, c };
    });
    fc.assert(
      fc.property(withIO, ({ plate, at, c }) => {
        expect(checkPlate(plate)).toEqual({ ok: false, problem: { kind: 'i-or-o', position: at, char: c } });
      })
    );
  });

  it('says what is wrong, in order: empty, province, office letter, characters, length, the new-energy rule', () => {
    const problem = (p: string) => {
      const c = checkPlate(p);
      return c.ok ? null : c.problem;
    };
    expect(problem('')).toEqual({ kind: 'empty' });
    expect(problem('AB12345')).toEqual({ kind: 'province', char: 'A' });
    expect(problem('京112345')).toEqual({ kind: 'office', char: '1' });
    expect(problem('京A1234京')).toEqual({ kind: 'not-allowed', position: 7, char: '京' });
    expect(problem('京A1234')).toEqual({ kind: 'short', length: 6 });
    expect(problem('京A')).toEqual({ kind: 'short', length: 2 });
    expect(problem('京A1234567')).toEqual({ kind: 'long', length: 9 });
    expect(problem('京AL12345')).toEqual({ kind: 'small-third', char: 'L' });
    expect(problem('京AD1234X')).toEqual({ kind: 'small-digits', position: 8, char: 'X' });
    expect(problem('京A1234X5')).toEqual({ kind: 'large-digits', position: 7, char: 'X' });
    expect(problem('京A12345A')).toEqual({ kind: 'large-last', char: 'A' });
  });

  it('never throws, and accepts only what starts with a province and has 7 or 8 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (s) => {
        const c = checkPlate(s);
        if (c.ok) {
          expect(PROVINCES).toContain(Array.from(s)[0]);
          expect([7, 8]).toContain(Array.from(s).length);
        }
      })
    );
  });
});

describe('normalizePlate and the keypad', () => {
  it('reads a plate as people write it', () => {
    expect(normalizePlate(' 粤b·d12345 ')).toBe('粤BD12345');
    expect(normalizePlate('京Ａ-１２３４５')).toBe('京A12345');
  });

  it('offers provinces, then the office letter, then letters and digits up to 8', () => {
    expect(['', '京', '京A', '京A1234', '京A12345', '粤BD12345'].map(nextKeys)).toEqual(['provinces', 'letters', 'serial', 'serial', 'serial', 'full']);
  });
});
