import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEntryDraft } from '$lib/core/builders';
import { gatePositions } from '$lib/gate/rules';
import type { Direction, Entry } from '$lib/core/types';
import { T0, applyPeerEntry, deleteTestLedgers, openTestLedger } from '$lib/ledger/fixtures';
import { GatePositions } from './positions';

const DAY = 86_400_000;

async function setup() {
  const { ledger } = await openTestLedger('gp');
  const pass = (subject: string, direction: Direction, at: number) =>
    ledger.record(makeEntryDraft({ kind: direction === 'in' ? 'gate-in' : 'gate-out', direction, subject, verdict: 'accepted', at }));
  const undo = (entry: Entry, at: number) => ledger.record(makeEntryDraft({ kind: 'void', subject: entry.subject, voids: entry.id, verdict: 'accepted', reason: 'scanned-by-mistake', at }));
  return { ledger, pass, undo };
}

afterEach(deleteTestLedgers);

describe('GatePositions', () => {
  it('is built from every day on disk, voids included, and then answers from memory', async () => {
    const { ledger, pass, undo } = await setup();
    await pass('a', 'in', T0 - 2 * DAY);
    const out = await pass('a', 'out', T0 - DAY);
    await undo(out, T0 - DAY + 1000); // voided the next day: a stays in
    await pass('b', 'out', T0 - DAY);
    const positions = new GatePositions(ledger);
    await positions.build();
    expect(positions.built).toBe(true);
    // Closed database: what it answers now can only come from memory.
    ledger.close();
    expect(await positions.of('a')).toMatchObject({ direction: 'in', at: T0 - 2 * DAY });
    expect(await positions.of('b')).toMatchObject({ direction: 'out', at: T0 - DAY });
    expect(await positions.of('nobody')).toBeUndefined();
    positions.destroy();
  });

  it('follows own passes and peers\' passes once built; a void sends its person back to the disk', async () => {
    const { ledger, pass, undo } = await setup();
    const positions = new GatePositions(ledger);
    await positions.build();
    await pass('a', 'in', T0);
    const out = await pass('a', 'out', T0 + 1000);
    expect(await positions.of('a')).toMatchObject({ direction: 'out' });
    await undo(out, T0 + 2000);
    expect(await positions.of('a')).toMatchObject({ direction: 'in', at: T0 });

    await applyPeerEntry(ledger, { kind: 'gate-out', direction: 'out', subject: 'a', verdict: 'accepted', at: T0 + 5000 });
    expect(await positions.of('a')).toMatchObject({ direction: 'out', at: T0 + 5000 });
    positions.destroy();
  });

  it('lets a void that arrives before the pass it cancels (its day synced first) still cancel it', async () => {
    const { ledger } = await setup();
    const positions = new GatePositions(ledger);
    await positions.build();
    await applyPeerEntry(ledger, { id: 'zzzzzzzz:2', kind: 'void', subject: 'a', voids: 'zzzzzzzz:1', reason: 'scanned-by-mistake', at: T0 + DAY });
    expect(await positions.of('a')).toBeUndefined();
    await applyPeerEntry(ledger, { id: 'zzzzzzzz:1', kind: 'gate-in', direction: 'in', subject: 'a', verdict: 'accepted', at: T0 });
    expect(await positions.of('a')).toBeUndefined();
    positions.destroy();
  });

  it('always agrees with the gate rules over everything on disk, whatever the order of passes, voids and questions', async () => {
    type Step = { kind: 'pass'; who: number; direction: Direction; at: number } | { kind: 'undo'; which: number } | { kind: 'ask'; who: number } | { kind: 'build' };
    const step = fc.oneof(
      fc.record({ kind: fc.constant('pass' as const), who: fc.nat(3), direction: fc.constantFrom<Direction>('in', 'out'), at: fc.integer({ min: -3 * DAY, max: 0 }) }),
      fc.record({ kind: fc.constant('undo' as const), which: fc.nat(20) }),
      fc.record({ kind: fc.constant('ask' as const), who: fc.nat(3) }),
      fc.constant({ kind: 'build' as const })
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps: Step[]) => {
        const { ledger, pass, undo } = await setup();
        const positions = new GatePositions(ledger);
        const passes: Entry[] = [];
        const racing: Promise<unknown>[] = [];
        for (const s of steps) {
          if (s.kind === 'pass') passes.push(await pass(`p${s.who}`, s.direction, T0 + s.at));
          else if (s.kind === 'undo' && passes.length > 0) await undo(passes[s.which % passes.length]!, T0);
          // Builds and questions are not awaited: their reads race with the writes that follow.
          else if (s.kind === 'build') racing.push(positions.build());
          else if (s.kind === 'ask') racing.push(positions.of(`p${s.who}`));
        }
        await Promise.all(racing);
        const truth = gatePositions(await ledger.reads.daysRows(await ledger.reads.entryDays()));
        for (let who = 0; who <= 3; who++) {
          const want = truth.get(`p${who}`);
          expect(await positions.of(`p${who}`)).toEqual(want ? { ...want } : undefined);
        }
        positions.destroy();
        ledger.destroy();
      }),
      { numRuns: 40 }
    );
  });
});
