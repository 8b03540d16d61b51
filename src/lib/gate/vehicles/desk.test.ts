import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteTestLedgers } from '$lib/ledger/fixtures';
import { openTestStation } from '$lib/site/station-fixtures';
import { VehicleDesk } from './desk.svelte';

afterEach(deleteTestLedgers);

const random = (size: number) => crypto.getRandomValues(new Uint8Array(size));

describe('VehicleDesk', () => {
  it('records a passage, clears the form but the direction, and shows it in the log and the tally', async () => {
    const { ctx } = await openTestStation('vh');
    const desk = new VehicleDesk(ctx, random);
    desk.form = { plate: '粤BD12345', kind: 'supply-truck', aboard: 2, purpose: 'supply', health: 'green', itinerary: 'green', direction: 'out' };
    await desk.record();
    expect(desk.shown).toMatchObject({ kind: 'passed', entry: { kind: 'vehicle', direction: 'out', vehicle: { plate: '粤BD12345', aboard: 2 } } });
    expect(desk.form).toEqual({ plate: '', aboard: 1, direction: 'out' });
    await vi.waitFor(() => expect(desk.today.current?.log.entries).toHaveLength(1));
    expect(desk.today.current?.tally).toMatchObject({ totalOut: 1, aboardOut: 2, out: { 'supply-truck': 1 } });
    desk.destroy();
  });

  it('says what is wrong with the plate and records nothing', async () => {
    const { ctx, ledger } = await openTestStation('vh');
    const desk = new VehicleDesk(ctx, random);
    desk.form = { plate: '京AO1234', kind: 'car', aboard: 1, purpose: 'commute', health: 'green', itinerary: 'green', direction: 'in' };
    await desk.record();
    expect(desk.problems).toEqual([{ kind: 'plate', problem: { kind: 'i-or-o', position: 3, char: 'O' } }]);
    expect(await ledger.reads.dayKindEntries(ledger.today(), 'vehicle')).toEqual([]);
    desk.destroy();
  });

  it('refuses a driver with a yellow itinerary code, and fills the form again from the log', async () => {
    const { ctx } = await openTestStation('vh');
    const desk = new VehicleDesk(ctx, random);
    desk.form = { plate: '京A12345', kind: 'car', aboard: 3, purpose: 'going-home', health: 'green', itinerary: 'yellow', direction: 'in' };
    await desk.record();
    expect(desk.shown).toMatchObject({ kind: 'refused', entry: { verdict: 'refused', reason: 'itinerary-code' } });
    await vi.waitFor(() => expect(desk.today.current?.tally.refused).toBe(1));
    desk.choose(desk.today.current!.log.entries[0]!);
    expect(desk.form).toEqual({ plate: '京A12345', kind: 'car', aboard: 3, purpose: 'going-home', direction: 'in' });
    desk.destroy();
  });
});
