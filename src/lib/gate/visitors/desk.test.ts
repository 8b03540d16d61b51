import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteTestLedgers } from '$lib/ledger/fixtures';
import { openTestStation, T0 } from '$lib/site/station-fixtures';
import { VisitorDesk } from './desk.svelte';

afterEach(deleteTestLedgers);

let n = 0;
const random = (size: number) => new Uint8Array(size).fill(++n);

async function openDesk() {
  const opened = await openTestStation('vd', { staff: 'Wang' });
  return { ...opened, desk: new VisitorDesk(opened.ctx, random) };
}

describe('VisitorDesk', () => {
  it('registers a visitor, lists them inside, and checks them out once however often the button is tapped', async () => {
    const { desk, ledger } = await openDesk();
    desk.form = { kind: 'delivery', name: '李四', phone: '13812341234', room: '3-2-501', health: 'green' };
    await desk.register();
    expect(desk.shown).toMatchObject({ kind: 'registered', entry: { kind: 'visitor', direction: 'in', staff: 'Wang', visitor: { name: '李四' } } });
    expect(desk.form).toEqual({ name: '', phone: '', room: '' });
    await vi.waitFor(() => expect(desk.inside.current).toHaveLength(1));

    const visit = desk.inside.current![0]!;
    await Promise.all([desk.checkOut(visit), desk.checkOut(visit)]);
    expect(desk.shown).toMatchObject({ kind: 'left', visit: { id: visit.id } });
    await vi.waitFor(() => expect(desk.inside.current).toEqual([]));
    const outs = (await ledger.reads.dayKindEntries(ledger.today(), 'visitor')).filter((e) => e.direction === 'out');
    expect(outs).toHaveLength(1);
    // The check-out carries no personal data: the details stay on the registration.
    expect(outs[0]!.visitor).toBeUndefined();
    desk.destroy();
  });

  it('refuses a red code and records the refusal; nobody is inside', async () => {
    const { desk, ledger } = await openDesk();
    desk.form = { kind: 'repair', name: '王师傅', phone: '13900005678', room: '1-1-101', health: 'red' };
    await desk.register();
    expect(desk.shown).toMatchObject({ kind: 'refused', entry: { verdict: 'refused', reason: 'red-code' } });
    const [e] = await ledger.reads.dayKindEntries(ledger.today(), 'visitor');
    expect(e).toMatchObject({ verdict: 'refused', reason: 'red-code', health: 'red', visitor: { name: '王师傅' } });
    await vi.waitFor(() => expect(desk.inside.current).toEqual([]));
    desk.destroy();
  });

  it('keeps the form and records nothing while it has problems', async () => {
    const { desk, ledger } = await openDesk();
    desk.form = { kind: 'visit', name: '李四', phone: '1234', room: '', health: 'green' };
    await desk.register();
    expect(desk.problems).toEqual(['phone', 'room']);
    expect(desk.shown).toBeNull();
    expect(desk.form.name).toBe('李四');
    expect(await ledger.reads.dayKindEntries(ledger.today(), 'visitor')).toEqual([]);
    desk.destroy();
  });

  it('undoes a check-out with the PIN: the visitor is back inside and can be checked out again', async () => {
    const { desk } = await openDesk();
    desk.form = { kind: 'medical', name: '赵医生', phone: '13700001111', room: '2-1-302', health: 'green' };
    await desk.register();
    await vi.waitFor(() => expect(desk.inside.current).toHaveLength(1));
    const visit = desk.inside.current![0]!;
    await desk.checkOut(visit);
    const shown = desk.shown;
    if (shown?.kind !== 'left') throw new Error('not checked out');
    expect(await desk.undo(shown.entry, 'wrong-person', '0000')).toBe(false);
    expect(await desk.undo(shown.entry, 'wrong-person', '1234')).toBe(true);
    expect(desk.shown).toEqual({ kind: 'undone' });
    await vi.waitFor(() => expect(desk.inside.current?.map((v) => v.id)).toEqual([visit.id]));
    await desk.checkOut(visit);
    await vi.waitFor(() => expect(desk.inside.current).toEqual([]));
    desk.destroy();
  });

  it('still lists, the next morning, a worker registered last night', async () => {
    let clock = T0 - 14 * 3_600_000; // 20:00 the evening before
    const { ctx } = await openTestStation('vd', { now: () => clock });
    const evening = new VisitorDesk(ctx, random);
    evening.form = { kind: 'supply', name: '孙师傅', phone: '13600002222', room: '物业', health: 'green' };
    await evening.register();
    evening.destroy();
    clock = T0;
    const morning = new VisitorDesk(ctx, random);
    await vi.waitFor(() => expect(morning.inside.current?.map((v) => v.visitor.name)).toEqual(['孙师傅']));
    morning.destroy();
  });
});
