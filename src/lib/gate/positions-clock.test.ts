/**
 * The gate's verdicts when tablets' clocks step backwards and forwards (a dead RTC battery,
 * a manual correction, a network time fix). Several tablets scan people; every scan is
 * judged against the person's position as computed from all entries so far, by the pure
 * rules (`gatePositions`) and by the in-memory cache (`GatePositions`). The oracle replays
 * the scans in the order they happened, which on each tablet is its own record order.
 *
 * Each clock reads real time plus an offset of at most an hour either way, stepping at
 * random. A person who moves to another tablet does so more than two hours (twice the
 * largest error) after their last scan: closer than that, no clock can tell which of two
 * tablets saw them last, and nothing here claims to (core/entries.ts, "What it cannot do").
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEntry, makePerson } from '$lib/core/builders';
import { formatEntryId } from '$lib/core/entry-id';
import type { Direction, Entry } from '$lib/core/types';
import { T0, applyPeerEntry, deleteTestLedgers, openTestLedger } from '$lib/ledger/fixtures';
import { GatePositions } from './positions';
import { gateEntryFields, gatePositions, judgeGateScan, type GatePosition, type GateVerdict } from './rules';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PEOPLE = ['p0', 'p1', 'p2'].map((id) => makePerson({ id }));

interface Scan {
  tablet: number;
  who: number;
  direction: Direction;
  /** Real time since the scan before, in ms. */
  gap: number;
  /** The tablet's clock steps to this offset (minutes) just before the scan. */
  clock: number | undefined;
}

const scanArb = (tablets: number) =>
  fc.record({
    tablet: fc.nat(tablets - 1),
    who: fc.nat(PEOPLE.length - 1),
    direction: fc.constantFrom<Direction>('in', 'out'),
    gap: fc.integer({ min: 1000, max: 10 * MINUTE }),
    clock: fc.option(fc.integer({ min: -60, max: 60 }), { nil: undefined, freq: 2 })
  });

/** When each scan happens in real time and what its tablet's clock reads then. */
function timeline(scans: readonly Scan[]): { real: number; reading: number }[] {
  const offset = new Map<number, number>();
  const lastTablet = new Map<number, number>();
  let real = T0;
  return scans.map((s) => {
    real += s.gap;
    const before = lastTablet.get(s.who);
    if (before !== undefined && before !== s.tablet) real += 2 * HOUR + MINUTE;
    lastTablet.set(s.who, s.tablet);
    if (s.clock !== undefined) offset.set(s.tablet, s.clock * MINUTE);
    return { real, reading: real + (offset.get(s.tablet) ?? 0) };
  });
}

const judge = (s: Scan, position: GatePosition | undefined): GateVerdict => {
  const p = PEOPLE[s.who]!;
  return judgeGateScan({ code: { kind: 'person', personId: p.id, text: p.id }, direction: s.direction, person: p, position });
};

/** The verdicts of a replay in the order the scans happened. */
function oracle(scans: readonly Scan[]): GateVerdict[] {
  const times = timeline(scans);
  const last = new Map<number, GatePosition>();
  return scans.map((s, i) => {
    const verdict = judge(s, last.get(s.who));
    if (verdict.kind === 'accepted') last.set(s.who, { direction: s.direction, at: times[i]!.reading });
    return verdict;
  });
}

afterEach(deleteTestLedgers);

describe('gate verdicts while tablets’ clocks step back and forth', () => {
  it('are those of each tablet’s own record order, by the rules over all entries', () => {
    const devices = ['aaaaaaaa', 'bbbbbbbb', 'cccccccc'];
    fc.assert(
      fc.property(fc.array(scanArb(devices.length), { maxLength: 30 }), (scans) => {
        const times = timeline(scans);
        const seq = devices.map(() => 0);
        const entries: Entry[] = [];
        const verdicts = scans.map((s, i) => {
          const verdict = judge(s, gatePositions(entries).get(PEOPLE[s.who]!.id));
          const device = devices[s.tablet]!;
          entries.push(makeEntry({ ...gateEntryFields(verdict), id: formatEntryId(device, ++seq[s.tablet]!), device, at: times[i]!.reading }));
          return verdict;
        });
        expect(verdicts).toEqual(oracle(scans));
      }),
      { numRuns: 500 }
    );
  });

  it('are the same from the positions in memory, and a tablet that hears the entries in any order agrees', async () => {
    const peers = ['bbbbbbbb', 'cccccccc'];
    await fc.assert(
      fc.asyncProperty(fc.array(scanArb(peers.length + 1), { maxLength: 20 }), fc.nat(20), fc.nat(), async (scans, buildAt, seed) => {
        const times = timeline(scans);
        const { ledger } = await openTestLedger('gc');
        const positions = new GatePositions(ledger);
        const seq = peers.map(() => 0);
        const entries: Entry[] = [];
        const verdicts: GateVerdict[] = [];
        for (const [i, s] of scans.entries()) {
          if (i === buildAt) await positions.build();
          const verdict = judge(s, await positions.of(PEOPLE[s.who]!.id));
          verdicts.push(verdict);
          const fields = { ...gateEntryFields(verdict), station: 'gate' as const, staff: '王五', at: times[i]!.reading };
          if (s.tablet === 0) entries.push(await ledger.record(fields));
          else {
            const device = peers[s.tablet - 1]!;
            entries.push(await applyPeerEntry(ledger, { ...fields, id: formatEntryId(device, ++seq[s.tablet - 1]!), device }));
          }
        }
        expect(verdicts).toEqual(oracle(scans));

        // Another tablet hears the same entries in a scrambled order (day docs sync apart,
        // peers relay), building its positions midway.
        const other = await openTestLedger('gd');
        const heard = new GatePositions(other.ledger);
        const order = [...entries].sort((a, b) => ((a.at * 7919 + seed) % 101) - ((b.at * 7919 + seed) % 101) || (a.id < b.id ? -1 : 1));
        for (const [i, e] of order.entries()) {
          if (i === buildAt) await heard.build();
          await applyPeerEntry(other.ledger, e);
        }
        const truth = gatePositions(entries);
        for (const p of PEOPLE) expect(await heard.of(p.id)).toEqual(truth.get(p.id));
        heard.destroy();
        positions.destroy();
        other.ledger.destroy();
        ledger.destroy();
      }),
      { numRuns: 60 }
    );
  }, 60_000);
});
