import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeEntryDraft, makePerson } from '$lib/core/builders';
import { makeRound } from '$lib/core/sampling-builders';
import { deleteTestLedgers } from '$lib/ledger/fixtures';
import { openTestStation } from '$lib/site/station-fixtures';
import { TraceStation } from './trace.svelte';

afterEach(deleteTestLedgers);

const ann = makePerson({ id: 'ann00001', name: '安娜' });
const ben = makePerson({ id: 'ben00001', name: '本杰' });
const round = makeRound({ id: 'rnd3' });

async function open() {
  const opened = await openTestStation('tr', { people: [ann, ben], rounds: [round], staff: 'Wang', pin: '1234' });
  const { ctx, ledger } = opened;
  const sample = (subject: string, tube: string) => ctx.record(makeEntryDraft({ kind: 'sample', station: 'recorder', subject, tube, round: round.id, verdict: 'accepted' }));
  await sample(ann.id, 'TA-0001');
  await sample(ben.id, 'TA-0001');
  await sample('cat00001', 'TA-0002');
  const desk = new TraceStation(ctx);
  await vi.waitFor(() => expect(desk.source.entries).toBeDefined());
  const stored = async () => (await ledger.reads.roundEntries(round.id)).filter((e) => e.kind === 'tube-result' || e.kind === 'trace');
  return { ...opened, desk, stored };
}

describe('TraceStation', () => {
  it('shows a tube and its people; marking it positive with the PIN records the result and lists it', async () => {
    const { desk, stored } = await open();
    expect(desk.show(' TA-0001 ')).toBe(true);
    expect(desk.tube).toBe('TA-0001');
    expect(desk.trace?.result).toBeUndefined();
    expect(desk.trace?.people.map((p) => p.person?.name)).toEqual(['安娜', '本杰']);
    expect(await desk.markPositive('1234')).toBe('marked');
    await vi.waitFor(() => expect(desk.trace?.result).toBe('positive'));
    expect(desk.positives).toEqual(['TA-0001']);
    expect(await stored()).toMatchObject([{ kind: 'tube-result', subject: 'TA-0001', tube: 'TA-0001', outcome: 'positive', round: round.id, staff: 'Wang', verdict: 'accepted' }]);
    desk.destroy();
  });

  it('records how far the tracing of each person has come', async () => {
    const { desk, stored } = await open();
    desk.show('TA-0001');
    await desk.mark(ann.id, 'reached');
    await vi.waitFor(() => expect(desk.trace?.people.map((p) => [p.subject, p.status])).toEqual([[ann.id, 'reached'], [ben.id, undefined]]));
    await desk.mark(ann.id, 'isolated');
    await vi.waitFor(() => expect(desk.trace?.people[0]?.status).toBe('isolated'));
    expect((await stored()).map((e) => [e.kind, e.subject, e.tube, e.outcome])).toEqual([
      ['trace', ann.id, 'TA-0001', 'reached'],
      ['trace', ann.id, 'TA-0001', 'isolated']
    ]);
    desk.destroy();
  });

  it('refuses a wrong PIN, and records nothing without a tube on screen or with no round', async () => {
    const { ctx, desk, stored } = await open();
    expect(desk.show('BST:SITE0001:ANN00001')).toBe(false);
    expect(await desk.markPositive('1234')).toBe('bad-tube');
    await desk.mark(ann.id, 'reached');
    desk.show('TA-0001');
    expect(await desk.markPositive('0000')).toBe('wrong-pin');
    const roundless = new TraceStation({ ...ctx, currentRound: () => undefined, rounds: () => [] });
    roundless.show('TA-0001');
    expect(await roundless.markPositive('1234')).toBe('no-round');
    expect(await stored()).toEqual([]);
    expect(desk.trace?.result).toBeUndefined();
    roundless.destroy();
    desk.destroy();
  });
});
