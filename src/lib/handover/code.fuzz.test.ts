import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { digestOf, formatDigest } from '$lib/core/digest';
import { makeEntry } from '$lib/core/builders';
import { formatEntryId } from '$lib/core/entry-id';
import { MAX_HANDOVER_NOTE } from '$lib/core/entry-codec';
import { ENTRY_KINDS, STATIONS, type Entry } from '$lib/core/types';
import { FUZZ_TIMEOUT, deviceId, fuzzRuns, hostileText, mutatedText } from '$lib/core/fuzz-fixtures';
import { HANDOVER_PREFIX, MAX_HANDOVER_CODE, formatHandoverCode, readHandoverCode, type Acknowledged, type HandoverCodeReading } from './code';
import { summarizeShift, type HandoverScope, type HandoverSummary } from './rules';

const T0 = Date.UTC(2026, 10, 22, 0, 0, 0);
const HOUR = 3_600_000;
// Device ids as the parsers of ids accept them (a peer's entries and adverts reach the tally only through those).
const device = deviceId;

/** A shift as a tablet summarizes it: some tablets' entries of assorted kinds, stations and verdicts, over a window and its days. */
const summary: fc.Arbitrary<HandoverSummary> = fc
  .record({
    me: device,
    scope: fc.constantFrom<HandoverScope>('site', ...STATIONS),
    from: fc.integer({ min: T0, max: T0 + 20 * HOUR }),
    hours: fc.integer({ min: 1, max: 7 * 24 }),
    tablets: fc.uniqueArray(device, { maxLength: 6 }),
    entries: fc.array(fc.tuple(fc.nat(5), fc.constantFrom(...ENTRY_KINDS.filter((k) => k !== 'void')), fc.constantFrom(...STATIONS), fc.constantFrom('accepted', 'refused', 'duplicate' as const), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 40 }),
    days: fc.integer({ min: 1, max: 8 })
  })
  .map(({ me, scope, from, hours, tablets, entries, days }) => {
    const window = { from, to: from + hours * HOUR };
    const context: Entry[] = [];
    if (tablets.length) {
      entries.forEach(([t, kind, station, verdict, when], i) => {
        const d = tablets[t % tablets.length]!;
        context.push(makeEntry({ id: formatEntryId(d, i + 1), device: d, kind, station, verdict, at: Math.floor(window.from + when * (window.to - window.from - 1)) }));
      });
    }
    const dayDigests: Record<string, string> = {};
    for (let i = 0; i < days; i++) dayDigests[new Date(T0 + i * 24 * HOUR).toISOString().slice(0, 10)] = formatDigest(digestOf(context.slice(i).map((e) => e.id)));
    return summarizeShift({ device: me, scope, window, context, rounds: [], days: dayDigests });
  });
const acknowledged = fc.array(fc.record({ device, agreement: fc.constantFrom<Acknowledged['agreement']>('differs', 'unknown') }), { maxLength: 4 });

function expectReading(r: HandoverCodeReading): void {
  if (!r.ok) {
    expect(['too-long', 'not-a-handover-code', 'malformed', 'counts-disagree']).toContain(r.reason);
    return;
  }
  expect(r.summary.tally.entries).toBe(r.summary.digest.count);
  // Whatever it read, written again, reads the same.
  const again = formatHandoverCode(r.summary, { max: MAX_HANDOVER_NOTE, acknowledged: r.acknowledged });
  expect(again && readHandoverCode(again, MAX_HANDOVER_NOTE)).toEqual(r);
}

describe('handover codes under fuzzing', { timeout: FUZZ_TIMEOUT }, () => {
  it('read back every shift a tablet summarizes, with the tablets acknowledged as apart', () => {
    fc.assert(
      fc.property(summary, acknowledged, (s, ack) => {
        const text = formatHandoverCode(s, { acknowledged: ack });
        if (text === null) return; // too much for a QR: the screen says so
        expect(text.length).toBeLessThanOrEqual(MAX_HANDOVER_CODE);
        expect(readHandoverCode(text)).toEqual({ ok: true, summary: s, acknowledged: ack });
      }),
      { numRuns: fuzzRuns(0.25) }
    );
  });

  it('never throw on any text, or a code one edit off, and answer a summary or one named refusal', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(200), hostileText(100).map((t) => HANDOVER_PREFIX + t), summary.chain((s) => mutatedText(formatHandoverCode(s) ?? HANDOVER_PREFIX))), (text) => {
        expectReading(readHandoverCode(text));
        expectReading(readHandoverCode(text, MAX_HANDOVER_NOTE));
      }),
      { numRuns: fuzzRuns(0.5) }
    );
  });

  it('refuse a code whose station or tablet counts were changed: they must add up to its entries', () => {
    const counted = summary.filter((s) => s.tally.entries > 0);
    fc.assert(
      fc.property(counted, fc.integer({ min: -3, max: 3 }).filter((d) => d !== 0), fc.nat(), (s, delta, pick) => {
        const text = formatHandoverCode(s);
        if (!text) return;
        const counts = [...text.matchAll(/[,.]([sd][0-9a-z]+):(\d+)/g)];
        const [match] = counts.slice(pick % counts.length);
        if (!match) return;
        const n = Number(match[2]) + delta;
        if (n <= 0) return;
        const at = match.index! + 1 + match[1]!.length + 1;
        const changed = text.slice(0, at) + n + text.slice(at + match[2]!.length);
        expect(readHandoverCode(changed)).toEqual({ ok: false, reason: 'counts-disagree' });
      }),
      { numRuns: fuzzRuns(0.25) }
    );
  });

  it('regression: refuse a tablet count or acknowledgement for the device id `constructor` (a tally keyed by device would read Object)', () => {
    const text = `${HANDOVER_PREFIX}benchdv1.site.0.1.1-00000000-00000000.2026-11-22=1-00000000-00000000.r:0,u:0,v:0,c:0,s0:1,dconstructor:1`;
    expect(readHandoverCode(text)).toEqual({ ok: false, reason: 'malformed' });
    expect(readHandoverCode(text.replace('dconstructor', 'dbenchdv2'))).toMatchObject({ ok: true });
  });

  it('refuse by length before reading: a code padded to the cap is read, one character more is too long', () => {
    fc.assert(
      fc.property(summary, fc.boolean(), (s, note) => {
        const max = note ? MAX_HANDOVER_NOTE : MAX_HANDOVER_CODE;
        const text = formatHandoverCode(s, { max });
        if (!text) return;
        expect(readHandoverCode(text.padEnd(max, ' '), max)).toMatchObject({ ok: true, summary: s });
        expect(readHandoverCode(text.padEnd(max + 1, ' '), max)).toEqual({ ok: false, reason: 'too-long' });
      }),
      { numRuns: fuzzRuns(0.05) }
    );
  });
});
