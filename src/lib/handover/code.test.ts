import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HANDOVER_PREFIX, MAX_HANDOVER_CODE, formatHandoverCode, parseHandoverCode } from './code';
import { summarizeShift, type HandoverSummary } from './rules';
import { digestOf, formatDigest } from '$lib/core/digest';
import { makeEntry } from '$lib/core/builders';
import { formatEntryId } from '$lib/core/entry-id';
import { MAX_FIELD } from '$lib/core/entry-codec';
import { ENTRY_KINDS, STATIONS } from '$lib/core/types';

const T0 = Date.UTC(2026, 10, 22, 0, 0, 0);
const window = { from: T0, to: T0 + 8 * 3_600_000 };

/** A shift in which each of `tablets` devices recorded `each` entries of assorted kinds. */
function shiftOf(tablets: number, each: number): HandoverSummary {
  const entries = [];
  for (let d = 0; d < tablets; d++) {
    const device = `dev${String(d).padStart(5, '0')}`;
    for (let s = 1; s <= each; s++) {
      const kind = ENTRY_KINDS[s % 6]!;
      entries.push(makeEntry({ id: formatEntryId(device, s), device, kind, station: STATIONS[s % 3]!, at: T0 + s * 60_000, verdict: s % 5 === 0 ? 'refused' : 'accepted' }));
    }
  }
  const days = { '2026-11-22': formatDigest(digestOf(entries.map((e) => e.id))) };
  return summarizeShift({ device: 'abcdef12', scope: 'site', window, context: entries, rounds: [], days });
}

describe('handover code', () => {
  it('reads back every summary it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 30 }), (tablets, each) => {
        const s = shiftOf(tablets, each);
        const text = formatHandoverCode(s)!;
        expect(text.startsWith(HANDOVER_PREFIX)).toBe(true);
        expect(text.length).toBeLessThanOrEqual(MAX_HANDOVER_CODE);
        expect(parseHandoverCode(text)).toEqual({ summary: s, acknowledged: [] });
      })
    );
  });

  it('keeps the tablets that were acknowledged as apart', () => {
    const s = shiftOf(2, 3);
    const acknowledged = [
      { device: 'dev00001', agreement: 'differs' as const },
      { device: 'zzzzzzzz', agreement: 'unknown' as const }
    ];
    expect(parseHandoverCode(formatHandoverCode(s, { acknowledged })!)?.acknowledged).toEqual(acknowledged);
  });

  it('leaves out the per-tablet counts, saying how many, when a site has too many tablets to fit', () => {
    const s = shiftOf(40, 2);
    const text = formatHandoverCode(s, { max: MAX_FIELD })!;
    expect(text.length).toBeLessThanOrEqual(MAX_FIELD);
    const back = parseHandoverCode(text, MAX_FIELD)!.summary;
    expect(back.tally.byDevice).toEqual({});
    expect(back.tally.omittedDevices).toBe(40);
    expect(back.tally.byStation).toEqual(s.tally.byStation);
    expect(back.digest).toEqual(s.digest);
  });

  it('answers null for anything else, and never throws', () => {
    const good = formatHandoverCode(shiftOf(3, 4))!;
    const bad = [
      '',
      'BSTJ1.eyJpIjoiYSJ9',
      good.replace('.site.', '.moon.'),
      good.replace(/\.r:\d+/, '.r:1,r:2'),
      good.replace(/s0:(\d+)/, (_, n) => `s0:${Number(n) + 1}`), // stations no longer add up
      good.replace(/d(dev00000):(\d+)/, 'd$1:0'),
      good + '.',
      good + '.dev00001=x',
      good + 'x'.repeat(MAX_HANDOVER_CODE)
    ];
    for (const text of bad) expect(parseHandoverCode(text), text).toBeNull();
    fc.assert(
      fc.property(fc.string({ maxLength: 700 }), fc.nat(), (noise, at) => {
        const cut = good.slice(0, at % good.length) + noise;
        const parsed = parseHandoverCode(cut);
        if (parsed) expect(parsed.summary.tally.entries).toBe(parsed.summary.digest.count);
      })
    );
  });

  it('refuses a window that ends before it starts or spans more than a week', () => {
    const s = shiftOf(1, 1);
    expect(parseHandoverCode(formatHandoverCode(s)!)).not.toBeNull();
    expect(parseHandoverCode(formatHandoverCode({ ...s, window: { from: T0, to: T0 - 1 } })!)).toBeNull();
    expect(parseHandoverCode(formatHandoverCode({ ...s, window: { from: T0, to: T0 + 8 * 86_400_000 } })!)).toBeNull();
  });
});
