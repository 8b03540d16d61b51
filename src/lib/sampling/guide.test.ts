import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEntryDraft, makePerson } from '$lib/core/builders';
import { MAX_CODE_LENGTH } from '$lib/core/code';
import { makeRound } from '$lib/core/sampling-builders';
import { deleteTestLedgers } from '$lib/ledger/fixtures';
import { LedgerWriteError } from '$lib/ledger/ledger';
import { openTestStation, scannerFor, T0 } from '$lib/site/station-fixtures';
import { m } from '$lib/i18n';
import { GuideStation } from './guide.svelte';

afterEach(deleteTestLedgers);

const ann = makePerson({ id: 'ann00001', name: '安娜' });
const ben = makePerson({ id: 'ben00001', name: '本杰' });
const round = makeRound({ id: 'rnd3' });
const form = { name: '赵新来', building: '3号楼', unit: '2', room: '1201', phone: '' };

async function guide(prefix = 'gd') {
  const opened = await openTestStation(prefix, { people: [ann, ben], staff: 'Wang', rounds: [round] });
  const station = new GuideStation(opened.ctx, round);
  const { scan, code } = scannerFor(station, opened.site.id);
  const stored = async () => (await opened.ledger.reads.roundEntries(round.id)).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  return { ...opened, station, scan, code, stored };
}

describe('GuideStation', () => {
  it('checks a person in, and is amber when they come back to the queue', async () => {
    const { scan, code, stored } = await guide();
    expect(await scan(code(ann.id))).toMatchObject({ kind: 'person', person: ann, entry: { verdict: 'accepted' }, registered: false });
    const again = await scan(code(ann.id));
    expect(again).toMatchObject({ kind: 'person', entry: { verdict: 'duplicate' } });
    if (again?.kind !== 'person') throw new Error('no person');
    expect(again.before.checkIns).toHaveLength(1);
    expect((await stored()).map((e) => [e.kind, e.subject, e.verdict, e.station, e.staff, e.round])).toEqual([
      ['check-in', ann.id, 'accepted', 'guide', 'Wang', round.id],
      ['check-in', ann.id, 'duplicate', 'guide', 'Wang', round.id]
    ]);
  });

  it('is amber for someone the recorder already sampled this round, and says in which tube', async () => {
    const { ledger, scan, code } = await guide();
    await ledger.record(makeEntryDraft({ kind: 'sample', station: 'recorder', subject: ben.id, tube: 'TD-0001', round: round.id, verdict: 'accepted' }));
    const shown = await scan(code(ben.id));
    expect(shown).toMatchObject({ kind: 'person', entry: { verdict: 'duplicate' }, before: { checkIns: [], samples: [{ tube: 'TD-0001' }] } });
  });

  it('records the sticker handed out once, and a second one at a later check-in as amber', async () => {
    const { station, scan, code, stored } = await guide();
    await scan(code(ann.id));
    await station.giveSticker();
    expect(station.shown).toMatchObject({ kind: 'person', sticker: { kind: 'sticker', verdict: 'accepted' } });
    // The sticker on screen is given: another tap records nothing.
    await station.giveSticker();
    await scan(code(ann.id));
    await station.giveSticker();
    expect(station.shown).toMatchObject({ kind: 'person', entry: { verdict: 'duplicate' }, sticker: { verdict: 'duplicate' } });
    expect((await stored()).filter((e) => e.kind === 'sticker').map((e) => [e.subject, e.verdict])).toEqual([
      [ann.id, 'accepted'],
      [ann.id, 'duplicate']
    ]);
  });

  it('records refused codes with their reason; an overlong code is refused unrecorded', async () => {
    const { scan, code, stored } = await guide();
    expect(await scan(code(ann.id, 'elsewhere1'))).toMatchObject({ kind: 'refused', reason: 'other-site' });
    expect(await scan('HELLO-123')).toEqual({ kind: 'refused', reason: 'unknown-code', code: 'HELLO-123' });
    expect(await scan(code('nobody01'))).toMatchObject({ kind: 'refused', reason: 'not-on-roster' });
    expect(await scan('9'.repeat(MAX_CODE_LENGTH + 10))).toMatchObject({ kind: 'refused', reason: 'too-long' });
    expect((await stored()).map((e) => [e.kind, e.verdict, e.reason])).toEqual([
      ['check-in', 'refused', 'other-site'],
      ['check-in', 'refused', 'unknown-code'],
      ['check-in', 'refused', 'not-on-roster']
    ]);
  });

  it('registers a person not on the roster: they join it and are checked in with reason not-on-roster', async () => {
    const { ctx, ledger, station, stored } = await guide();
    expect(await station.register({ ...form, building: '', room: '' })).toEqual(['building', 'room']);
    expect(await stored()).toHaveLength(0);

    expect(await station.register(form)).toEqual([]);
    const shown = station.shown;
    expect(shown).toMatchObject({ kind: 'person', registered: true, entry: { verdict: 'accepted', reason: 'not-on-roster' }, person: { name: '赵新来', building: '3栋' } });
    if (shown?.kind !== 'person') throw new Error('no person');
    expect(ctx.person(shown.person.id)).toEqual(shown.person);
    expect(ledger.people().map((p) => p.name)).toContain('赵新来');

    // Registered twice, they are who they are now: on the roster, and already checked in.
    await station.register(form);
    expect(station.shown).toMatchObject({ kind: 'person', registered: false, entry: { verdict: 'duplicate' } });
    expect((await stored()).map((e) => [e.verdict, e.reason])).toEqual([
      ['accepted', 'not-on-roster'],
      ['duplicate', undefined]
    ]);
  });

  it('drops the same code seen again within seconds, unless it was typed', async () => {
    const { station, scan, code, stored } = await guide();
    await scan(code(ann.id), 'camera');
    const first = station.shown;
    expect(await scan(code(ann.id), 'camera', 500)).toBe(first);
    expect(await scan(code(ann.id), 'manual', 500)).toMatchObject({ entry: { verdict: 'duplicate' } });
    expect(await stored()).toHaveLength(2);
  });

  it('says a scan was not saved when the write fails, and shows no verdict', async () => {
    const { ctx, code } = await guide();
    const failing = new GuideStation({ ...ctx, record: () => Promise.reject(new LedgerWriteError('quota')) }, round);
    await failing.scan({ text: code(ann.id), source: 'wedge', at: T0 });
    expect(failing.shown).toEqual({ kind: 'error', message: m.error_disk_full() });
    expect(failing.busy).toBe(false);
  });
});
