import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { makePerson } from '$lib/core/builders';
import { MAX_CODE_LENGTH } from '$lib/core/code';
import { deleteTestLedgers } from '$lib/ledger/fixtures';
import { LedgerWriteError } from '$lib/ledger/ledger';
import { openTestStation, scannerFor, T0 } from '$lib/site/station-fixtures';
import { m } from '$lib/i18n';
import { GateStation } from './station.svelte';

afterEach(deleteTestLedgers);

const li = makePerson({ id: 'li000001', name: '李四' });
const zhang = makePerson({ id: 'zh000001', name: '张三' });

async function gate(prefix = 'gs') {
  const opened = await openTestStation(prefix, { people: [li, zhang], staff: 'Wang' });
  const station = new GateStation(opened.ctx);
  const { scan, code } = scannerFor(station, opened.site.id);
  const stored = async () => (await opened.ledger.reads.dayEntries('2026-11-22')).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  return { ...opened, station, scan, code, stored };
}

describe('GateStation', () => {
  it('lets a resident in, is amber when they are already inside, and lets them out', async () => {
    const { station, scan, code, stored } = await gate();
    expect(await scan(code(li.id))).toMatchObject({ kind: 'verdict', verdict: { kind: 'accepted', direction: 'in', person: li } });
    expect(await scan(code(li.id))).toMatchObject({ kind: 'verdict', verdict: { kind: 'duplicate', reason: 'already-inside' } });
    station.direction = 'out';
    expect(await scan(code(li.id))).toMatchObject({ kind: 'verdict', verdict: { kind: 'accepted', direction: 'out' } });
    const rows = await stored();
    expect(rows.map((e) => [e.kind, e.subject, e.verdict, e.staff])).toEqual([
      ['gate-in', li.id, 'accepted', 'Wang'],
      ['gate-in', li.id, 'duplicate', 'Wang'],
      ['gate-out', li.id, 'accepted', 'Wang']
    ]);
    station.destroy();
  });

  it('records refused scans with their reason: another site, a code nobody issued, someone not on the roster', async () => {
    const { station, scan, code, stored } = await gate();
    expect(await scan(code(li.id, 'elsewhere1'))).toMatchObject({ verdict: { kind: 'refused', reason: 'other-site' } });
    expect(await scan('HELLO-123')).toMatchObject({ verdict: { kind: 'refused', reason: 'unknown-code' } });
    expect(await scan(code('nobody01'))).toMatchObject({ verdict: { kind: 'refused', reason: 'not-on-roster' } });
    expect((await stored()).map((e) => [e.verdict, e.reason])).toEqual([
      ['refused', 'other-site'],
      ['refused', 'unknown-code'],
      ['refused', 'not-on-roster']
    ]);
    station.destroy();
  });

  it('drops the same code seen again within seconds, unless it was typed; an overlong code is refused unrecorded', async () => {
    const { station, scan, code, stored } = await gate();
    await scan(code(li.id), 'camera');
    const first = station.shown;
    expect(await scan(code(li.id), 'camera', 500)).toBe(first);
    expect(await scan(code(li.id), 'manual', 500)).toMatchObject({ verdict: { kind: 'duplicate' } });
    expect(await scan('9'.repeat(MAX_CODE_LENGTH + 10))).toMatchObject({ kind: 'too-long' });
    expect(await stored()).toHaveLength(2);
    station.destroy();
  });

  it('judges quick scans one after the other: the second of two at once sees the first', async () => {
    const { station, code, stored } = await gate();
    await Promise.all([
      station.scan({ text: code(zhang.id), source: 'manual', at: T0 + 1 }),
      station.scan({ text: code(zhang.id), source: 'manual', at: T0 + 2 })
    ]);
    expect((await stored()).map((e) => e.verdict)).toEqual(['accepted', 'duplicate']);
    station.destroy();
  });

  it('says a scan was not saved when the write fails, and shows no verdict', async () => {
    const { ctx, code } = await gate();
    const failing = new GateStation({ ...ctx, record: () => Promise.reject(new LedgerWriteError('quota')) });
    await failing.scan({ text: code(li.id), source: 'wedge', at: T0 });
    expect(failing.shown).toEqual({ kind: 'error', message: m.error_disk_full() });
    expect(failing.busy).toBe(false);
    failing.destroy();
  });

  it('undoes an entry with the supervisor PIN by recording a void, and refuses a wrong PIN', async () => {
    const { station, scan, code, stored } = await gate();
    await scan(code(li.id));
    const shown = station.shown;
    if (shown?.kind !== 'verdict') throw new Error('no verdict');
    expect(await station.undo(shown.entry, 'scanned-by-mistake', '0000')).toBe(false);
    expect(await stored()).toHaveLength(1);
    expect(await station.undo(shown.entry, 'scanned-by-mistake', '1234')).toBe(true);
    expect(station.shown).toBeNull();
    expect((await stored()).at(-1)).toMatchObject({ kind: 'void', voids: shown.entry.id, reason: 'scanned-by-mistake', staff: 'Wang' });
    // Voided, the pass no longer places the person inside: the next "in" is green again.
    expect(await scan(code(li.id))).toMatchObject({ verdict: { kind: 'accepted' } });
    station.destroy();
  });
});
