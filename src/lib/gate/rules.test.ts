import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gateEntryFields, gatePositions, judgeGateScan, type GateScan } from './rules';
import { makeEntry, makePerson } from '$lib/core/builders';
import type { Entry } from '$lib/core/types';

const person = makePerson({ id: 'abcd1234' });
const code: GateScan['code'] = { kind: 'person', text: 'BST:SITE0001:ABCD1234', personId: 'abcd1234' };

function scan(overrides: Partial<GateScan> = {}): GateScan {
  return { code, direction: 'in', person, position: undefined, ...overrides };
}

describe('judgeGateScan', () => {
  it('accepts a resident of this site', () => {
    expect(judgeGateScan(scan())).toEqual({ kind: 'accepted', person, direction: 'in' });
  });

  it('is amber for someone already inside, or already outside', () => {
    expect(judgeGateScan(scan({ position: { direction: 'in', at: 5 } }))).toMatchObject({ kind: 'duplicate', reason: 'already-inside', since: 5 });
    expect(judgeGateScan(scan({ direction: 'out', position: { direction: 'out', at: 5 } }))).toMatchObject({ kind: 'duplicate', reason: 'already-outside' });
    expect(judgeGateScan(scan({ direction: 'out', position: { direction: 'in', at: 5 } })).kind).toBe('accepted');
  });

  it('is red for an unknown code, another site, or someone not on the roster', () => {
    expect(judgeGateScan(scan({ code: { kind: 'label', text: 'hello' } }))).toMatchObject({ kind: 'refused', reason: 'unknown-code', text: 'hello' });
    expect(judgeGateScan(scan({ code: { kind: 'other-site', text: 'BST:OTHER001:ABCD1234', siteId: 'other001' } }))).toMatchObject({ kind: 'refused', reason: 'other-site' });
    expect(judgeGateScan(scan({ person: undefined }))).toMatchObject({ kind: 'refused', reason: 'not-on-roster' });
  });

  it('records refused scans under the scanned text and others under the person', () => {
    expect(gateEntryFields(judgeGateScan(scan({ person: undefined })))).toMatchObject({ subject: code.text, verdict: 'refused', kind: 'gate-in' });
    expect(gateEntryFields(judgeGateScan(scan({ direction: 'out' })))).toMatchObject({ subject: 'abcd1234', verdict: 'accepted', kind: 'gate-out' });
  });
});

describe('gatePositions', () => {
  it('takes the latest accepted, unvoided gate entry, whatever the order', () => {
    const entries: Entry[] = [
      makeEntry({ id: 'aaaaaa:1', kind: 'gate-in', direction: 'in', at: 100 }),
      makeEntry({ id: 'aaaaaa:2', kind: 'gate-out', direction: 'out', at: 200 }),
      makeEntry({ id: 'aaaaaa:3', kind: 'gate-in', direction: 'in', at: 300, verdict: 'duplicate' }),
      makeEntry({ id: 'bbbbbb:1', kind: 'gate-in', direction: 'in', at: 400 }),
      makeEntry({ id: 'bbbbbb:2', kind: 'void', voids: 'bbbbbb:1', at: 401 })
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: entries.length }), (shuffled) => {
        expect(gatePositions(shuffled).get('p0000001')).toEqual({ direction: 'out', at: 200, id: 'aaaaaa:2' });
      })
    );
  });
});
