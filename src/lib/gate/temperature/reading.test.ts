import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeEntry } from '$lib/core/builders';
import { decodeEntry, encodeEntry } from '$lib/core/entry-codec';
import type { Entry } from '$lib/core/types';
import { FLAG_AT, afterReading, formatReading, readDigits, readingFields, tallyTemperature, typeDigit } from './reading';

describe('typing a reading', () => {
  it('takes three digits and places the point', () => {
    let digits = '';
    for (const d of ['3', '6', '5', '9']) digits = typeDigit(digits, d);
    expect(digits).toBe('365');
    expect(readDigits(digits)).toEqual({ ok: true, tenths: 365 });
    expect(formatReading(365)).toBe('36.5');
    expect(typeDigit('3', '.')).toBe('3');
  });

  it('says a reading is incomplete, or outside 35.0–42.0 °C', () => {
    expect(readDigits('36')).toEqual({ ok: false, problem: 'incomplete' });
    expect(readDigits('')).toEqual({ ok: false, problem: 'incomplete' });
    expect(readDigits('349')).toEqual({ ok: false, problem: 'out-of-range', tenths: 349 });
    expect(readDigits('421')).toEqual({ ok: false, problem: 'out-of-range', tenths: 421 });
    expect(readDigits('350')).toEqual({ ok: true, tenths: 350 });
    expect(readDigits('420')).toEqual({ ok: true, tenths: 420 });
  });

  it('every three digits give a reading a tablet can store, or a problem, never anything else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), (n) => {
        const read = readDigits(String(n).padStart(3, '0'));
        if (!read.ok) return;
        const e = makeEntry({ ...readingFields('p0000001', read.tenths, 'first'), direction: undefined });
        delete e.direction;
        expect(decodeEntry(e.id, encodeEntry(e))).toEqual(e);
      })
    );
  });
});

describe('flagging and the second reading', () => {
  it('flags 37.3 °C and above and asks for a second reading', () => {
    expect(afterReading('first', 372)).toEqual({ outcome: 'normal', next: 'done' });
    expect(afterReading('first', FLAG_AT)).toEqual({ outcome: 'flagged', next: 'second' });
    expect(afterReading('second', 368)).toEqual({ outcome: 'cleared', next: 'done' });
    expect(afterReading('second', 380)).toEqual({ outcome: 'fever', next: 'done' });
  });

  it('records a second reading with its reason', () => {
    expect(readingFields('p1', 365, 'first')).toEqual({ kind: 'temperature', subject: 'p1', verdict: 'accepted', celsiusTenths: 365 });
    expect(readingFields('p1', 375, 'second')).toMatchObject({ reason: 'second-reading', celsiusTenths: 375 });
  });
});

describe('the temperature tally', () => {
  let seq = 0;
  const reading = (tenths: number, step: 'first' | 'second' = 'first'): Entry => makeEntry({ id: `tab0001:${++seq}`, ...readingFields('p1', tenths, step) });

  it('counts readings taken, first readings flagged, second readings and those still high; not voided ones', () => {
    const wrong = reading(410);
    const entries = [
      reading(365),
      reading(374),
      reading(366, 'second'),
      reading(380),
      reading(381, 'second'),
      wrong,
      makeEntry({ id: 'tab0001:99', kind: 'void', voids: wrong.id }),
      makeEntry({ id: 'tab0001:98', kind: 'gate-in' })
    ];
    expect(tallyTemperature(entries)).toEqual({ taken: 5, flagged: 2, second: 2, fever: 1 });
  });

  it('is the same in any order', () => {
    const readings = fc.array(fc.tuple(fc.integer({ min: 350, max: 420 }), fc.boolean()), { maxLength: 30 });
    fc.assert(
      fc.property(readings, fc.nat(), (list, seed) => {
        const entries = list.map(([t, second]) => reading(t, second ? 'second' : 'first'));
        const shuffled = fc.sample(fc.shuffledSubarray(entries, { minLength: entries.length }), { seed, numRuns: 1 })[0]!;
        const t = tallyTemperature(shuffled);
        expect(t).toEqual(tallyTemperature(entries));
        expect(t.taken).toBe(entries.length);
        expect(t.flagged).toBe(list.filter(([v, s]) => !s && v >= 373).length);
      })
    );
  });
});
