import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeEntryDraft, makePerson } from '$lib/core/builders';
import { makeRound } from '$lib/core/sampling-builders';
import type { Entry } from '$lib/core/types';
import { deleteTestLedgers } from '$lib/ledger/fixtures';
import { openTestStation } from '$lib/site/station-fixtures';
import { CoverageView } from './coverage.svelte';

afterEach(deleteTestLedgers);

const ann = makePerson({ id: 'ann00001', building: '1栋', unit: '1单元' });
const ben = makePerson({ id: 'ben00001', building: '1栋', unit: '2单元' });
const cat = makePerson({ id: 'cat00001', building: '2栋', unit: '1单元', tags: ['elderly'] });
// Registered at the guide: on the tablets' roster, counted apart.
const dan = makePerson({ id: 'dan00001', building: '3栋', unit: '' });
const round = makeRound({ id: 'rnd3' });
const earlier = makeRound({ id: 'rnd2', name: '第2轮', openedAt: round.openedAt - 86_400_000, closedAt: round.openedAt - 3_600_000 });

async function open() {
  const opened = await openTestStation('cv', { people: [ann, ben, cat, dan], rounds: [earlier, round] });
  const { ctx, ledger } = opened;
  const checkIn = (subject: string, fields: Partial<Entry> = {}) => ctx.record({ ...makeEntryDraft({ kind: 'check-in', station: 'guide', subject, round: round.id, verdict: 'accepted' }), ...fields });
  const sample = (subject: string, fields: Partial<Entry> = {}) =>
    ctx.record({ ...makeEntryDraft({ kind: 'sample', station: 'recorder', subject, tube: 'TA-0001', round: round.id, verdict: 'accepted' }), ...fields });
  await ledger.registerDevice('Guide #1', 'guide');
  return { ...opened, checkIn, sample };
}

describe('CoverageView', () => {
  it('counts the round: roster, checked in, sampled and missing, per building, unit and group, with those apart', async () => {
    const { ctx, checkIn, sample } = await open();
    await checkIn(ann.id);
    await sample(ann.id);
    await checkIn(ben.id);
    await checkIn(dan.id, { reason: 'not-on-roster' });
    await sample(cat.id, { round: earlier.id }); // another round: counts nothing here
    const view = new CoverageView(ctx);
    expect(view.source.round?.id).toBe(round.id);
    await vi.waitFor(() => expect(view.coverage).toMatchObject({ roster: 3, checkedIn: 2, sampled: 1, missing: 2 }));
    const [one, two] = view.coverage!.buildings;
    expect(one).toMatchObject({ building: '1栋', roster: 2, checkedIn: 2, sampled: 1, missing: 1 });
    expect(one!.units.map((u) => [u.unit, u.sampled, u.missing])).toEqual([
      ['1单元', 1, 0],
      ['2单元', 0, 1]
    ]);
    expect(two).toMatchObject({ building: '2栋', missing: 1, tags: { elderly: { roster: 1, missing: 1 } } });
    expect(view.apart).toEqual({ notOnRoster: 1, notSampled: 2 });
    expect(view.reconciliation?.total).toMatchObject({ checkIns: 3, samples: 1, peopleSampled: 1 });
    expect(view.deviceName(ctx.device)).toBe('Guide #1');
    expect(view.deviceName('unknown1')).toBe('unknown1');
    view.destroy();
  });

  it('follows the entries as they are recorded, and a void takes a sample back', async () => {
    const { ctx, sample } = await open();
    const view = new CoverageView(ctx);
    // Nobody flagged as registered at the point in this round: all four are the roster.
    await vi.waitFor(() => expect(view.coverage).toMatchObject({ roster: 4, sampled: 0, missing: 4 }));
    const first = await sample(ann.id);
    await sample(ben.id);
    await vi.waitFor(() => expect(view.coverage).toMatchObject({ sampled: 2, missing: 2 }));
    await ctx.record(makeEntryDraft({ kind: 'void', station: 'recorder', subject: ann.id, voids: first.id, round: round.id, reason: 'wrong-person', verdict: 'accepted' }));
    await vi.waitFor(() => expect(view.coverage).toMatchObject({ sampled: 1, missing: 3 }));
    view.destroy();
  });

  it('shows another round when chosen', async () => {
    const { ctx, sample } = await open();
    await sample(cat.id, { round: earlier.id });
    const view = new CoverageView(ctx);
    await vi.waitFor(() => expect(view.coverage).toMatchObject({ sampled: 0 }));
    view.source.choose(earlier.id);
    await vi.waitFor(() => expect(view.coverage).toMatchObject({ sampled: 1, missing: 3 }));
    expect(view.source.round?.name).toBe('第2轮');
    view.destroy();
  });
});
