import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makePerson } from '$lib/core/builders';
import { formatPersonCode, MAX_CODE_LENGTH } from '$lib/core/code';
import { makeRound, TabletRecorder } from '$lib/core/sampling-builders';
import { applyPeerEntry, deleteTestLedgers } from '$lib/ledger/fixtures';
import type { ScanSource } from '$lib/scan/scanned-code';
import { openTestStation, T0 } from '$lib/site/station-fixtures';
import { m } from '$lib/i18n';
import { BoxStation } from './boxes.svelte';
import { samplingReasonText } from './sampling-text';

afterEach(deleteTestLedgers);

const li = makePerson({ id: 'li000001', name: '李四' });
const zhang = makePerson({ id: 'zh000001', name: '张三' });

/** A box desk whose round holds, from another recorder tablet, sealed T1 and T2 and open T3. */
async function boxes(prefix = 'box') {
  let t = T0;
  const round = makeRound({ openedAt: T0 - 3_600_000 });
  const opened = await openTestStation(prefix, { people: [li, zhang], staff: 'Wang', rounds: [round], now: () => (t += 1000) });
  const peer = new TabletRecorder('peer0001', round);
  const made = [peer.open('T1000001'), peer.sample(li.id, 'T1000001'), peer.seal('T1000001'), peer.open('T2000002'), peer.sample(zhang.id, 'T2000002'), peer.seal('T2000002'), peer.open('T3000003')];
  for (const e of made) await applyPeerEntry(opened.ledger, e);
  const desk = new BoxStation(opened.ctx, round);
  let clock = T0;
  const scan = async (text: string, source: ScanSource = 'wedge', step = 5000) => {
    clock += step;
    await desk.scan({ text, source, at: clock });
    return desk.shown;
  };
  const mine = async () => (await opened.ledger.reads.roundEntries(round.id)).filter((e) => e.device !== 'peer0001').sort((a, b) => (a.id < b.id ? -1 : 1));
  return { ...opened, round, desk, scan, mine };
}

describe('BoxStation', () => {
  it('picks a box by its label, packs sealed tubes into it, lists them on the manifest and seals it', async () => {
    const { desk, scan, mine } = await boxes();
    expect(await scan('BOX00001')).toEqual({ kind: 'picked', box: 'BOX00001' });
    expect(desk.box).toBe('BOX00001');
    expect(await scan('T1000001')).toEqual({ kind: 'added', tube: 'T1000001' });
    expect(await scan('T2000002')).toEqual({ kind: 'added', tube: 'T2000002' });
    // The same box label again is no event: the box stays picked, nothing changes.
    expect(await scan('BOX00001', 'manual')).toEqual({ kind: 'added', tube: 'T2000002' });
    await vi.waitFor(() => expect(desk.manifest?.tubes.map((t) => [t.barcode, t.people.map((p) => p.id)])).toEqual([['T1000001', [li.id]], ['T2000002', [zhang.id]]]));
    await desk.seal();
    expect(desk.shown).toEqual({ kind: 'sealed', box: 'BOX00001' });
    expect((await mine()).map((e) => [e.kind, e.subject, e.tube, e.station, e.staff])).toEqual([
      ['box-add', 'BOX00001', 'T1000001', 'recorder', 'Wang'],
      ['box-add', 'BOX00001', 'T2000002', 'recorder', 'Wang'],
      ['box-seal', 'BOX00001', undefined, 'recorder', 'Wang']
    ]);
    await vi.waitFor(() => expect(desk.manifest?.sealed).toBe(true));
    expect(await scan('T3000003')).toMatchObject({ kind: 'refused', reason: 'box-sealed' });
    desk.destroy();
  });

  it('refuses a tube as a box, an open tube, a tube twice, a person\'s code and an overlong code, recording nothing', async () => {
    const { desk, scan, mine } = await boxes();
    expect(await scan('T1000001')).toMatchObject({ kind: 'refused', reason: 'bad-box-code', code: 'T1000001' });
    expect(desk.box).toBeNull();
    const person = await scan(formatPersonCode('elsewhere1', li.id));
    expect(person).toMatchObject({ kind: 'refused', reason: 'bad-box-code' });
    expect(person?.kind === 'refused' && samplingReasonText(person.reason)).toBe(m.sreason_bad_box_code());
    await scan('BOX00001');
    const open = await scan('T3000003');
    expect(open).toMatchObject({ kind: 'refused', reason: 'tube-not-sealed' });
    expect(open?.kind === 'refused' && samplingReasonText(open.reason)).toBe(m.sreason_tube_not_sealed());
    expect(await scan('T9999999')).toMatchObject({ kind: 'refused', reason: 'tube-unknown' });
    expect(await scan(formatPersonCode('elsewhere1', li.id))).toMatchObject({ kind: 'refused', reason: 'bad-tube-code' });
    expect(await scan('9'.repeat(MAX_CODE_LENGTH + 10))).toMatchObject({ kind: 'refused', reason: 'too-long' });
    await desk.seal();
    expect(desk.shown).toMatchObject({ kind: 'refused', reason: 'box-empty' });
    expect(await mine()).toEqual([]);
    await scan('T1000001');
    expect(await scan('T1000001', 'manual')).toMatchObject({ kind: 'duplicate', reason: 'already-in-box' });
    desk.done();
    expect([desk.box, desk.shown]).toEqual([null, null]);
    await scan('BOX00002');
    expect(await scan('T1000001')).toMatchObject({ kind: 'refused', reason: 'tube-in-other-box' });
    expect((await mine()).map((e) => e.kind)).toEqual(['box-add']);
    desk.destroy();
  });

  it('drops a tube seen again within seconds; puts a tube scanned right after a box label into that box', async () => {
    const { desk, mine } = await boxes();
    await Promise.all([
      desk.scan({ text: 'BOX00001', source: 'wedge', at: T0 }),
      desk.scan({ text: 'T1000001', source: 'wedge', at: T0 + 10 }),
      desk.scan({ text: 'T1000001', source: 'camera', at: T0 + 20 })
    ]);
    expect(desk.shown).toEqual({ kind: 'added', tube: 'T1000001' });
    expect((await mine()).map((e) => [e.kind, e.subject, e.tube])).toEqual([['box-add', 'BOX00001', 'T1000001']]);
    desk.destroy();
  });
});
