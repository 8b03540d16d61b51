import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeEntry } from '$lib/core/builders';
import type { Entry } from '$lib/core/types';
import { policyLog } from './policy-log';
import { policyEntryFields } from './policy';

const change = (id: string, at: number, fields: ReturnType<typeof policyEntryFields>, more: Partial<Entry> = {}) => {
  const e = makeEntry({ id, device: id.split(':')[0]!, at, staff: '李主任', ...fields, ...more });
  delete e.direction;
  return e;
};

describe('policyLog', () => {
  const a = change('aaaaaaaa:1', 100, policyEntryFields({ field: 'mode', mode: 'only-in' }));
  const b = change('bbbbbbbb:1', 300, policyEntryFields({ field: 'quota', quota: { outings: 1, days: 2, hours: 4 } }));
  const c = change('aaaaaaaa:2', 200, policyEntryFields({ field: 'mode', mode: 'normal' }));
  const newer = change('cccccccc:1', 400, { kind: 'policy', subject: 'curfew', verdict: 'accepted', note: '22:00' });
  const others = [makeEntry({ id: 'aaaaaaaa:3', at: 250 }), makeEntry({ id: 'aaaaaaaa:4', kind: 'void', voids: 'aaaaaaaa:3', at: 260 })];

  it('lists every change, newest first, with who, where and when; one it cannot read as such', () => {
    const log = policyLog([a, b, c, newer, ...others]);
    expect(log.map((r) => r.entry.id)).toEqual(['cccccccc:1', 'bbbbbbbb:1', 'aaaaaaaa:2', 'aaaaaaaa:1']);
    expect(log[0]!.change).toBeNull();
    expect(log[1]).toMatchObject({ entry: { staff: '李主任', device: 'bbbbbbbb', at: 300 }, change: { field: 'quota', quota: { outings: 1, days: 2, hours: 4 } } });
    expect(log[3]!.change).toEqual({ field: 'mode', mode: 'only-in' });
  });

  it('is the same list whatever order the entries arrive in and however often', () => {
    const all = [a, b, c, newer, ...others];
    fc.assert(fc.property(fc.shuffledSubarray(all, { minLength: all.length }), fc.subarray(all), (x, y) => {
        expect(policyLog([...x, ...y])).toEqual(policyLog(all));
      }));
  });
});
