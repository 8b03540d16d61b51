import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makePerson } from '$lib/core/builders';
import { MAX_CODE_LENGTH } from '$lib/core/code';
import { makeRound, TabletRecorder } from '$lib/core/sampling-builders';
import type { Round } from '$lib/core/round';
import { applyPeerEntry, deleteTestLedgers } from '$lib/ledger/fixtures';
import { LedgerWriteError } from '$lib/ledger/ledger';
import { openTestStation, scannerFor, T0 } from '$lib/site/station-fixtures';
import { m } from '$lib/i18n';
import { visitReasonText } from './supervise-text';
import { TeamBuildings } from './team-buildings.svelte';
import { VisitStation, type VisitShown } from './visits.svelte';

afterEach(deleteTestLedgers);

const an = makePerson({ id: 'an000001', name: '安一', building: '1栋', room: '101' });
const bo = makePerson({ id: 'bo000001', name: '薄二', building: '1栋', room: '102', tags: ['elderly'] });
const chen = makePerson({ id: 'ch000001', name: '陈三', building: '1栋', room: '103' });
const du = makePerson({ id: 'du000001', name: '杜四', building: '2栋', room: '101' });
const openRound = makeRound({ openedAt: T0 - 3_600_000 });

/** A team's tablet; Chen was already sampled at the sampling point (another tablet). */
async function team(round: Round = openRound, prefix = 'vis') {
  let t = T0;
  const opened = await openTestStation(prefix, { people: [an, bo, chen, du], staff: 'Dr Liu', rounds: [round], now: () => (t += 1000) });
  const point = new TabletRecorder('point001', round);
  for (const e of [point.open('T0000001'), point.sample(chen.id, 'T0000001'), point.seal('T0000001')]) await applyPeerEntry(opened.ledger, e);
  const station = new VisitStation(opened.ctx);
  await station.team.ready;
  const { scan, code } = scannerFor(station, opened.site.id);
  const mine = async () => (await opened.ledger.reads.roundEntries(round.id)).filter((e) => e.device !== 'point001').sort((a, b) => (a.id < b.id ? -1 : 1));
  const words = (s: VisitShown | null) => (s?.kind === 'duplicate' || s?.kind === 'refused' ? visitReasonText(s.reason) : s?.kind);
  return { ...opened, station, scan, code, mine, words };
}

describe('VisitStation', () => {
  it("lists the missing people of the team's buildings, special groups first, and remembers the buildings on the tablet", async () => {
    const { ledger, station } = await team();
    expect(station.round?.id).toBe(openRound.id);
    await station.toggleBuilding('1栋');
    await vi.waitFor(() => expect(station.list?.map((p) => p.id)).toEqual([bo.id, an.id]));
    const again = new TeamBuildings(ledger.tablet);
    await again.ready;
    expect([...again.chosen]).toEqual(['1栋']);
    station.destroy();
  });

  it('takes a home sample through the tube flow, recorded at station homeVisit, and the person leaves the list', async () => {
    const { station, scan, code, mine } = await team();
    await station.toggleBuilding('1栋');
    expect(await scan('H0000001')).toMatchObject({ kind: 'accepted', what: 'tube-open', entry: { subject: 'H0000001' } });
    expect(await scan(code(an.id))).toMatchObject({ kind: 'accepted', what: 'sample', person: an, count: 1, capacity: 10, full: false });
    await vi.waitFor(() => expect(station.tube?.samples.map((s) => s.subject)).toEqual([an.id]));
    await vi.waitFor(() => expect(station.list?.map((p) => p.id)).toEqual([bo.id]));
    await station.seal();
    expect(station.shown).toMatchObject({ kind: 'accepted', what: 'tube-seal', entry: { subject: 'H0000001' } });
    expect((await mine()).map((e) => [e.kind, e.subject, e.tube, e.station, e.staff])).toEqual([
      ['tube-open', 'H0000001', 'H0000001', 'homeVisit', 'Dr Liu'],
      ['sample', an.id, 'H0000001', 'homeVisit', 'Dr Liu'],
      ['tube-seal', 'H0000001', 'H0000001', 'homeVisit', 'Dr Liu']
    ]);
    station.destroy();
  });

  it('records what a visit found, with its note, and the person stays on the list', async () => {
    const { station, mine } = await team();
    await station.toggleBuilding('1栋');
    await station.visit(bo, 'not-home', '  敲门无人，晚上再来  ');
    expect(station.shown).toMatchObject({ kind: 'accepted', what: 'visit', person: bo, entry: { outcome: 'not-home', note: '敲门无人，晚上再来' } });
    expect(await mine()).toMatchObject([{ kind: 'visit', subject: bo.id, station: 'homeVisit', outcome: 'not-home', note: '敲门无人，晚上再来', staff: 'Dr Liu' }]);
    await vi.waitFor(() => expect(station.visits.get(bo.id)?.outcome).toBe('not-home'));
    expect(station.list?.map((p) => p.id)).toEqual([bo.id, an.id]);
    station.destroy();
  });

  it('drops the same code seen again within seconds by camera or wedge, unless it was typed', async () => {
    const { station, scan, code, mine } = await team();
    await scan('H0000001');
    await scan(code(an.id), 'camera');
    const first = station.shown;
    expect(await scan(code(an.id), 'camera', 500)).toBe(first);
    expect(await scan(code(an.id), 'wedge', 500)).toBe(first);
    const typed = await scan(code(an.id), 'manual', 500);
    expect(typed).toMatchObject({ kind: 'duplicate', reason: 'already-in-tube', person: an });
    expect((await mine()).map((e) => e.kind)).toEqual(['tube-open', 'sample']);
    station.destroy();
  });

  it('counts a person refused a moment ago again once the tube is open, as at the recorder', async () => {
    const { station, scan, code, mine } = await team();
    expect(await scan(code(an.id))).toMatchObject({ kind: 'refused', reason: 'no-open-tube' });
    await scan('H0000001', 'wedge', 500);
    expect(await scan(code(an.id), 'wedge', 500)).toMatchObject({ kind: 'accepted', what: 'sample', person: an });
    expect((await mine()).map((e) => e.kind)).toEqual(['tube-open', 'sample']);
    station.destroy();
  });

  it("refuses in the team's words: another site's code, a code that is no label, an overlong code, a person before a tube, someone already sampled", async () => {
    const { scan, station, code, mine, words } = await team();
    expect(await scan(code(an.id, 'elsewhere1'))).toMatchObject({ kind: 'refused', reason: 'other-site' });
    expect(words(station.shown)).toBe(m.visits_reason_not_this_site());
    await scan('no label');
    expect(words(station.shown)).toBe(m.visits_reason_not_a_code());
    await scan('9'.repeat(MAX_CODE_LENGTH + 10));
    expect(words(station.shown)).toBe(m.visits_reason_not_a_code());
    expect(await scan(code(an.id))).toMatchObject({ kind: 'refused', reason: 'no-open-tube', person: an });
    expect(words(station.shown)).toBe(m.visits_reason_no_open_tube());
    await station.seal();
    expect(words(station.shown)).toBe(m.visits_reason_no_open_tube());
    expect(await mine()).toEqual([]);
    await scan('H0000001');
    await scan(code(chen.id));
    expect(words(station.shown)).toBe(m.visits_reason_already_sampled());
    expect((await mine()).map((e) => e.kind)).toEqual(['tube-open']);
    station.destroy();
  });

  it('does nothing with no open round', async () => {
    const { station, scan, code, mine } = await team(makeRound({ openedAt: T0 - 3_600_000, closedAt: T0 - 60_000 }));
    expect(station.round).toBeUndefined();
    await scan('H0000001');
    await scan(code(an.id));
    await station.visit(an, 'declined', '');
    expect(station.shown).toBeNull();
    expect(await mine()).toEqual([]);
    station.destroy();
  });

  it('says a scan was not saved when the write fails', async () => {
    const { ctx } = await team();
    const failing = new VisitStation({ ...ctx, record: () => Promise.reject(new LedgerWriteError('quota')) });
    await failing.scan({ text: 'H0000001', source: 'wedge', at: T0 });
    expect(failing.shown).toEqual({ kind: 'error', message: m.error_disk_full() });
    expect(failing.busy).toBe(false);
    failing.destroy();
  });
});
