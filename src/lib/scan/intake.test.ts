import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPersonCode, MAX_CODE_LENGTH } from '$lib/core/code';
import { ScanIntake } from './intake';
import type { ScanSource } from './scanned-code';

const T = 1_700_000_000_000;
const scan = (text: string, at = T, source: ScanSource = 'wedge') => ({ text, at, source });

describe('ScanIntake', () => {
  it('sorts a code into person, other site, label, too long or nothing', () => {
    const intake = new ScanIntake('site0001');
    expect(intake.take(scan(formatPersonCode('site0001', 'p1234')))).toEqual({ kind: 'person', text: 'BST:SITE0001:P1234', personId: 'p1234' });
    expect(intake.take(scan(formatPersonCode('elsewhere', 'p1234'), T + 1))).toMatchObject({ kind: 'other-site', siteId: 'elsewhere' });
    expect(intake.take(scan('TUBE-000123'))).toEqual({ kind: 'label', text: 'TUBE-000123' });
    expect(intake.take(scan('x'.repeat(MAX_CODE_LENGTH + 1)))).toMatchObject({ kind: 'too-long' });
    expect(intake.take(scan(' \u200b\n'))).toEqual({ kind: 'ignored', why: 'empty' });
  });

  it('drops the same code within the window, but never a typed one', () => {
    const intake = new ScanIntake('site0001', 3000);
    const code = formatPersonCode('site0001', 'p1234');
    expect(intake.take(scan(code, T, 'camera')).kind).toBe('person');
    expect(intake.take(scan(code, T + 500, 'camera'))).toEqual({ kind: 'ignored', why: 'repeat' });
    expect(intake.take(scan(code, T + 900, 'manual')).kind).toBe('person');
    // The typed code restarted the window: the camera still sees the same event.
    expect(intake.take(scan(code, T + 3500, 'camera'))).toEqual({ kind: 'ignored', why: 'repeat' });
    expect(intake.take(scan(code, T + 7000, 'camera')).kind).toBe('person');
  });

  it('keys the window by the station key, so the gate switching direction is a new event', () => {
    const intake = new ScanIntake('site0001');
    const code = formatPersonCode('site0001', 'p1234');
    expect(intake.take(scan(code), 'in').kind).toBe('person');
    expect(intake.take(scan(code, T + 100), 'out').kind).toBe('person');
    expect(intake.take(scan(code, T + 200), 'out').kind).toBe('ignored');
  });

  it('keys a person\'s code by its own key where the station gives one, and a label by the station key', () => {
    const intake = new ScanIntake('site0001');
    const code = formatPersonCode('site0001', 'p1234');
    expect(intake.take(scan(code), '', '').kind).toBe('person');
    expect(intake.take(scan('TUBE-000123', T + 100), '', '').kind).toBe('label');
    // The tube opened: the person again is a new event, its label held in view is not.
    expect(intake.take(scan(code, T + 200), '', 'TUBE-000123').kind).toBe('person');
    expect(intake.take(scan('TUBE-000123', T + 300), '', 'TUBE-000123').kind).toBe('ignored');
    expect(intake.take(scan(code, T + 400), '', 'TUBE-000123').kind).toBe('ignored');
  });

  it('never throws, and only a clean person code of this site is a person', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.constantFrom<ScanSource>('camera', 'wedge', 'manual'), (text, source) => {
        const got = new ScanIntake('site0001').take(scan(text, T, source));
        if (got.kind === 'person') expect(got.text.toUpperCase().startsWith('BST:SITE0001:')).toBe(true);
        if (got.kind !== 'ignored') expect(got.text.length).toBeLessThanOrEqual(MAX_CODE_LENGTH);
      })
    );
  });
});
