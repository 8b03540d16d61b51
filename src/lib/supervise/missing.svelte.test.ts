import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeEntryDraft, makePerson } from '$lib/core/builders';
import { makeRound } from '$lib/core/sampling-builders';
import type { Entry } from '$lib/core/types';
import { deleteTestLedgers } from '$lib/ledger/fixtures';
import { openTestStation } from '$lib/site/station-fixtures';
import { MissingView } from './missing.svelte';

afterEach(deleteTestLedgers);

const ann = makePerson({ id: 'ann00001', building: '1栋', unit: '1单元', room: '101' });
const ben = makePerson({ id: 'ben00001', building: '1栋', unit: '2单元', room: '201' });
const cat = makePerson({ id: 'cat00001', building: '2栋', unit: '1单元', room: '101', tags: ['elderly'] });
const eve = makePerson({ id: 'eve00001', building: '10栋', unit: '1单元', room: '101' });
// Registered at the guide: on the tablets' roster, listed apart.
const dan = makePerson({ id: 'dan00001', building: '3栋', unit: '' });
const round = makeRound({ id: 'rnd3' });

async function open(list?: 'missing' | 'not-on-roster' | 'not-sampled') {
  const { ctx } = await openTestStation('mv', { people: [eve, cat, ben, ann, dan], rounds: [round] });
  const record = (kind: Entry['kind'], subject: string, fields: Partial<Entry> = {}) =>
    ctx.record({ ...makeEntryDraft({ kind, station: kind === 'sample' ? 'recorder' : 'guide', subject, round: round.id, verdict: 'accepted' }), ...fields });
  await record('check-in', ann.id);
  await record('sample', ann.id, { tube: 'TA-0001' });
  await record('check-in', ben.id); // left the queue
  await record('check-in', dan.id, { reason: 'not-on-roster' });
  await record('sample', 'ghost001', { tube: 'TA-0001' }); // sampled, on no roster at all
  const view = new MissingView(ctx, list);
  await vi.waitFor(() => expect(view.missing).toBeDefined());
  return { ctx, view, record };
}

const ids = (people: readonly { id?: string; subject?: string }[] | undefined) => people?.map((p) => p.id ?? p.subject);

describe('MissingView', () => {
  it('lists the roster not sampled in walking order, and keeps apart those not on the roster and those checked in but not sampled', async () => {
    const { view } = await open();
    expect(view.list).toBe('missing');
    expect(ids(view.missing)).toEqual([ben.id, cat.id, eve.id]);
    expect(ids(view.notOnRoster)).toEqual([dan.id, 'ghost001']);
    expect(ids(view.notSampled)).toEqual([ben.id, dan.id]);
    expect(view.buildings).toEqual(['1栋', '2栋', '3栋', '10栋']);
    view.show('not-sampled');
    expect(view.list).toBe('not-sampled');
    view.destroy();
  });

  it('filters every list by building and unit; a new building clears the unit', async () => {
    const { view } = await open('not-on-roster');
    expect(view.list).toBe('not-on-roster');
    view.setBuilding('1栋');
    expect(view.units).toEqual(['1单元', '2单元']);
    expect(ids(view.missing)).toEqual([ben.id]);
    // Someone with no roster row has no address: shown only while no area is chosen.
    expect(ids(view.notOnRoster)).toEqual([]);
    expect(ids(view.notSampled)).toEqual([ben.id]);
    view.setUnit('1单元');
    expect(ids(view.missing)).toEqual([]);
    expect(ids(view.notSampled)).toEqual([]);
    view.setBuilding('3栋');
    expect(view.unit).toBe('');
    expect(ids(view.notOnRoster)).toEqual([dan.id]);
    view.setBuilding('');
    view.setTag('elderly');
    expect(ids(view.missing)).toEqual([cat.id]);
    view.destroy();
  });

  it('takes a person off the missing list once they are sampled', async () => {
    const { view, record } = await open();
    await record('sample', ben.id, { tube: 'TA-0002' });
    await vi.waitFor(() => expect(ids(view.missing)).toEqual([cat.id, eve.id]));
    expect(ids(view.notSampled)).toEqual([dan.id]);
    view.destroy();
  });
});
