import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_CODE_LENGTH, formatPersonCode } from '$lib/core/code';
import { fuzzRuns, hostileText, mutatedText } from '$lib/core/fuzz-fixtures';
import { ScanIntake, type Intake } from './intake';
import type { ScanSource } from './scanned-code';

const SITE = 'site0001';
const T = 1_700_000_000_000;
const source = fc.constantFrom<ScanSource>('camera', 'wedge', 'manual');
// Clocks that stutter, run backwards, or are broken.
const time = fc.oneof(fc.integer({ min: T - 10_000, max: T + 10_000 }), fc.constantFrom(0, -1, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER));
const text = fc.oneof(hostileText(700), mutatedText(formatPersonCode(SITE, 'p1234')), fc.constant(formatPersonCode(SITE, 'p1234')));

function expectOutcome(got: Intake): void {
  expect(['ignored', 'too-long', 'other-site', 'person', 'label']).toContain(got.kind);
  if (got.kind === 'ignored') expect(['empty', 'repeat']).toContain(got.why);
  else expect(got.text.length).toBeLessThanOrEqual(MAX_CODE_LENGTH);
  if (got.kind === 'person') expect(got.text.toUpperCase().startsWith(`BST:${SITE.toUpperCase()}:`)).toBe(true);
  if (got.kind === 'other-site') expect(got.siteId).not.toBe(SITE);
}

describe('ScanIntake under fuzzing', () => {
  it('never throws, whatever the scans, their sources, keys and clocks, and answers one of its outcomes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, source, time, fc.constantFrom('', 'in', 'out'), hostileText(4)), { minLength: 1, maxLength: 20 }), (scans) => {
        const intake = new ScanIntake(SITE);
        for (const [t, s, at, key, personKey] of scans) expectOutcome(intake.take({ text: t, source: s, at }, key, personKey));
      }),
      { numRuns: fuzzRuns(0.25) }
    );
  });

  it('a typed code is always answered, whatever came before it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, source, time), { maxLength: 10 }), text, time, (before, typed, at) => {
        const intake = new ScanIntake(SITE);
        for (const [t, s, a] of before) intake.take({ text: t, source: s, at: a });
        const got = intake.take({ text: typed, source: 'manual', at });
        if (got.kind === 'ignored') expect(got.why).toBe('empty');
      }),
      { numRuns: fuzzRuns(0.25) }
    );
  });

  it('a flood of different codes from the camera leaves every later code of the site answered', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 300, maxLength: 600 }), (flood) => {
        const intake = new ScanIntake(SITE);
        flood.forEach((t, i) => intake.take({ text: t, source: 'camera', at: T + i }));
        const after = T + flood.length + 3001;
        expect(intake.take({ text: formatPersonCode(SITE, 'p1234'), source: 'camera', at: after }).kind).toBe('person');
      }),
      { numRuns: fuzzRuns(0.01) }
    );
  });
});
