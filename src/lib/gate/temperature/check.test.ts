import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteTestLedgers } from '$lib/ledger/fixtures';
import { LedgerWriteError } from '$lib/ledger/ledger';
import { openTestStation } from '$lib/site/station-fixtures';
import { m } from '$lib/i18n';
import { TemperatureCheck } from './check.svelte';

afterEach(deleteTestLedgers);

const type = (check: TemperatureCheck, digits: string) => {
  for (const d of digits) check.press(d);
};

describe('TemperatureCheck', () => {
  it('records a normal reading and is done', async () => {
    const { ctx, ledger } = await openTestStation('tc');
    const check = new TemperatureCheck(ctx, 'p0000001');
    type(check, '365');
    expect(check.digits).toBe('365');
    await check.confirm();
    expect(check.step).toBe('done');
    expect(check.readings).toEqual([{ tenths: 365, outcome: 'normal', next: 'done' }]);
    const rows = await ledger.reads.dayKindEntries(ledger.today(), 'temperature');
    expect(rows).toMatchObject([{ subject: 'p0000001', celsiusTenths: 365, station: 'gate', verdict: 'accepted' }]);
    expect(rows[0]!.reason).toBeUndefined();
  });

  it('flags 37.3 °C, takes a second reading and records both', async () => {
    const { ctx, ledger } = await openTestStation('tc');
    const check = new TemperatureCheck(ctx, 'p0000001');
    type(check, '373');
    await check.confirm();
    expect(check.step).toBe('second');
    expect(check.readings.at(-1)).toMatchObject({ outcome: 'flagged' });
    expect(check.digits).toBe('');
    type(check, '380');
    await check.confirm();
    expect(check.step).toBe('done');
    expect(check.readings.map((r) => r.outcome)).toEqual(['flagged', 'fever']);
    const rows = await ledger.reads.dayKindEntries(ledger.today(), 'temperature');
    expect(rows.map((e) => [e.celsiusTenths, e.reason])).toEqual([
      [373, undefined],
      [380, 'second-reading']
    ]);
  });

  it('says what is wrong with the digits and records nothing', async () => {
    const { ctx, ledger } = await openTestStation('tc');
    const check = new TemperatureCheck(ctx, 'p0000001');
    type(check, '34');
    await check.confirm();
    expect(check.problem).toEqual({ kind: 'incomplete' });
    type(check, '0');
    await check.confirm();
    expect(check.problem).toEqual({ kind: 'out-of-range', tenths: 340 });
    for (let i = 0; i < 3; i++) check.back();
    expect(check.digits).toBe('');
    type(check, '429');
    await check.confirm();
    expect(check.problem).toEqual({ kind: 'out-of-range', tenths: 429 });
    expect(check.step).toBe('first');
    expect(await ledger.reads.dayKindEntries(ledger.today(), 'temperature')).toEqual([]);
  });

  it('shows a failed write as a sentence and keeps the digits to try again', async () => {
    const ctx = { record: () => Promise.reject(new LedgerWriteError('quota')) };
    const check = new TemperatureCheck(ctx, 'p0000001');
    type(check, '366');
    await check.confirm();
    expect(check.problem).toEqual({ kind: 'error', message: m.error_disk_full() });
    expect(check.digits).toBe('366');
    expect(check.step).toBe('first');
  });
});
