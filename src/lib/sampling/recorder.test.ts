import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { makePerson } from '$lib/core/builders';
import { MAX_CODE_LENGTH } from '$lib/core/code';
import { makeRound, TabletRecorder } from '$lib/core/sampling-builders';
import type { Pooling } from '$lib/core/round';
import { applyPeerEntry, deleteTestLedgers } from '$lib/ledger/fixtures';
import { LedgerWriteError } from '$lib/ledger/ledger';
import { openTestStation, scannerFor, T0 } from '$lib/site/station-fixtures';
import { m } from '$lib/i18n';
import { reasonText } from '$lib/ui/reason-text';
import { RecorderStation } from './recorder.svelte';
import { samplingReasonText } from './sampling-text';

afterEach(deleteTestLedgers);

const li = makePerson({ id: 'li000001', name: '李四' });
const zhang = makePerson({ id: 'zh000001', name: '张三' });
const wang = makePerson({ id: 'wa000001', name: '王五' });
const people = [li, zhang, wang, ...['zo', 'ch', 'su'].map((p) => makePerson({ id: `${p}000001` }))];

async function recorder(pooling: Pooling = 5, prefix = 'rec') {
  let t = T0;
  const round = makeRound({ pooling, openedAt: T0 - 3_600_000 });
  const opened = await openTestStation(prefix, { people, staff: 'Wang', rounds: [round], now: () => (t += 1000) });
  const station = new RecorderStation(opened.ctx, round);
  const { scan, code } = scannerFor(station, opened.site.id);
  const stored = async () => (await opened.ledger.reads.roundEntries(round.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  return { ...opened, round, station, scan, code, stored };
}

describe('RecorderStation', () => {
  it('opens a tube, samples people up to its pooling, says "full", refuses one more, and seals it', async () => {
    const { station, scan, code, stored } = await recorder(5);
    expect(await scan('T0000001')).toMatchObject({ kind: 'opened', tube: 'T0000001' });
    for (const [i, p] of people.slice(0, 5).entries()) {
      expect(await scan(code(p.id))).toMatchObject({ kind: 'sampled', person: p.id, count: i + 1, capacity: 5, full: i === 4 });
    }
    expect(await scan(code(people[5]!.id))).toMatchObject({ kind: 'refused', reason: 'tube-full', person: people[5]!.id });
    await station.seal();
    expect(station.shown).toMatchObject({ kind: 'sealed', tube: 'T0000001', count: 5 });
    const rows = await stored();
    expect(rows.map((e) => [e.kind, e.subject, e.tube, e.station, e.staff])).toEqual([
      ['tube-open', 'T0000001', 'T0000001', 'recorder', 'Wang'],
      ...people.slice(0, 5).map((p) => ['sample', p.id, 'T0000001', 'recorder', 'Wang']),
      ['tube-seal', 'T0000001', 'T0000001', 'recorder', 'Wang']
    ]);
    station.destroy();
  });

  it('is amber for a person already in the tube, and refuses a person before any tube, an empty seal, a second tube before the seal', async () => {
    const { station, scan, code, stored } = await recorder();
    expect(await scan(code(li.id))).toMatchObject({ kind: 'refused', reason: 'no-open-tube' });
    await station.seal();
    expect(station.shown).toMatchObject({ kind: 'refused', reason: 'no-open-tube' });
    await scan('T0000001');
    await station.seal();
    expect(station.shown).toMatchObject({ kind: 'refused', reason: 'tube-empty' });
    await scan(code(li.id));
    expect(await scan(code(li.id), 'manual')).toMatchObject({ kind: 'duplicate', reason: 'already-in-tube', person: li.id });
    expect(await scan('T0000002')).toMatchObject({ kind: 'refused', reason: 'seal-first' });
    expect((await stored()).map((e) => e.kind)).toEqual(['tube-open', 'sample']);
    station.destroy();
  });

  it('refuses a person sampled in another tube, showing where, and takes a re-swab with its reason', async () => {
    const { station, scan, code, stored } = await recorder();
    await scan('T0000001');
    await scan(code(li.id));
    await station.seal();
    await scan('T0000002');
    const shown = await scan(code(li.id));
    expect(shown).toMatchObject({ kind: 'refused', reason: 'already-sampled', person: li.id });
    expect(shown?.kind === 'refused' && shown.earlier?.map((e) => e.tube)).toEqual(['T0000001']);
    await station.sample(li.id, 'swab-spoiled');
    expect(station.shown).toMatchObject({ kind: 'sampled', person: li.id, count: 1, reswab: 'swab-spoiled' });
    expect((await stored()).at(-1)).toMatchObject({ kind: 'sample', subject: li.id, tube: 'T0000002', reason: 'swab-spoiled' });
    station.destroy();
  });

  it('refuses a tube another tablet opened, a code that is no tube label, another site\'s code and an overlong code, recording nothing', async () => {
    const { ledger, round, station, scan, code, stored } = await recorder();
    await applyPeerEntry(ledger, new TabletRecorder('peer0001', round).open('T0000009'));
    expect(await scan('T0000009')).toMatchObject({ kind: 'refused', reason: 'tube-used' });
    const bad = await scan('no label');
    expect(bad).toMatchObject({ kind: 'refused', reason: 'bad-tube-code', code: 'no label' });
    expect(bad?.kind === 'refused' && samplingReasonText(bad.reason)).toBe(m.sreason_bad_tube_code());
    const other = await scan(code(li.id, 'elsewhere1'));
    expect(other).toMatchObject({ kind: 'refused', reason: 'other-site' });
    expect(other?.kind === 'refused' && samplingReasonText(other.reason)).toBe(reasonText('other-site'));
    const long = await scan('9'.repeat(MAX_CODE_LENGTH + 10));
    expect(long).toMatchObject({ kind: 'refused', reason: 'too-long' });
    expect(long?.kind === 'refused' && samplingReasonText(long.reason)).toBe(reasonText('too-long'));
    expect((await stored()).map((e) => e.device)).toEqual(['peer0001']);
    station.destroy();
  });

  it('drops the same code seen again within seconds, unless it was typed', async () => {
    const { station, scan, stored } = await recorder();
    await scan('T0000001', 'camera');
    const first = station.shown;
    expect(await scan('T0000001', 'camera', 500)).toBe(first);
    expect(await scan('T0000001', 'manual', 500)).toMatchObject({ kind: 'duplicate', reason: 'tube-already-open' });
    expect(await stored()).toHaveLength(1);
    station.destroy();
  });

  it('counts a person refused a moment ago again once a tube is open (a repeat is the same person into the same tube), and not when the tube is sealed', async () => {
    const { station, scan, code, stored } = await recorder();
    expect(await scan(code(li.id), 'wedge')).toMatchObject({ kind: 'refused', reason: 'no-open-tube' });
    await scan('T0000001', 'wedge', 500);
    expect(await scan(code(li.id), 'wedge', 500)).toMatchObject({ kind: 'sampled', person: li.id, count: 1 });
    // Held in view as the tube is sealed, the person stays one event.
    await station.seal();
    const sealed = station.shown;
    expect(await scan(code(li.id), 'camera', 500)).toBe(sealed);
    expect((await stored()).map((e) => e.kind)).toEqual(['tube-open', 'sample', 'tube-seal']);
    station.destroy();
  });

  it('undoes the last person with the supervisor PIN by recording a void, and refuses a wrong PIN', async () => {
    const { station, scan, code, stored } = await recorder();
    await scan('T0000001');
    await scan(code(li.id));
    await scan(code(zhang.id));
    expect(await station.undo('scanned-by-mistake', '0000')).toBe(false);
    expect(await stored()).toHaveLength(3);
    expect(await station.undo('scanned-by-mistake', '1234')).toBe(true);
    expect(station.shown).toMatchObject({ kind: 'undone', entry: { kind: 'sample', subject: zhang.id } });
    const rows = await stored();
    expect(rows.at(-1)).toMatchObject({ kind: 'void', voids: rows[2]!.id, subject: zhang.id, reason: 'scanned-by-mistake', staff: 'Wang' });
    // The undone place is free again: the next person is the second of the tube.
    expect(await scan(code(wang.id))).toMatchObject({ kind: 'sampled', count: 2 });
    station.destroy();
  });

  it('judges two quick scans one after the other: only one of two people gets the last place', async () => {
    const { station, scan, code, stored } = await recorder(1);
    await scan('T0000001');
    await Promise.all([
      station.scan({ text: code(li.id), source: 'wedge', at: T0 + 60_000 }),
      station.scan({ text: code(zhang.id), source: 'wedge', at: T0 + 60_001 })
    ]);
    expect(station.shown).toMatchObject({ kind: 'refused', reason: 'tube-full', person: zhang.id });
    expect((await stored()).filter((e) => e.kind === 'sample').map((e) => e.subject)).toEqual([li.id]);
    station.destroy();
  });

  it('says a scan was not saved when the write fails, and shows no verdict', async () => {
    const { ctx, round } = await recorder();
    const failing = new RecorderStation({ ...ctx, record: () => Promise.reject(new LedgerWriteError('quota')) }, round);
    await failing.scan({ text: 'T0000001', source: 'wedge', at: T0 });
    expect(failing.shown).toEqual({ kind: 'error', message: m.error_disk_full() });
    expect(failing.busy).toBe(false);
    failing.destroy();
  });
});
