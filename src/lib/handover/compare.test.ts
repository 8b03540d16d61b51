import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { agreementOf, blockingTablets, dayDigests, differingDays, type TabletAgreement } from './compare';
import { digestOf, formatDigest } from '$lib/core/digest';

const DAYS = ['2026-11-21', '2026-11-22'];

describe('day digests', () => {
  it('are the digests of each day’s rows, an empty day included, as adverts carry them', () => {
    const rows = [
      { id: 'aaaaaaaa:1', day: '2026-11-21' },
      { id: 'aaaaaaaa:2', day: '2026-11-22' },
      { id: 'bbbbbbbb:1', day: '2026-11-22' },
      { id: 'bbbbbbbb:2', day: '2026-11-20' }
    ];
    expect(dayDigests(rows, [...DAYS, '2026-11-23'])).toEqual({
      '2026-11-21': formatDigest(digestOf(['aaaaaaaa:1'])),
      '2026-11-22': formatDigest(digestOf(['aaaaaaaa:2', 'bbbbbbbb:1'])),
      '2026-11-23': '0-00000000-00000000'
    });
  });

  it('differ on exactly the days whose entry sets differ; a day not advertised is an empty one', () => {
    const ids = fc.uniqueArray(fc.stringMatching(/^[a-z]{8}:[0-9a-z]{1,3}$/), { maxLength: 30 });
    fc.assert(
      fc.property(ids, fc.func(fc.boolean()), fc.func(fc.boolean()), (list, dayOf, keep) => {
        const rows = list.map((id) => ({ id, day: DAYS[dayOf(id) ? 1 : 0]! }));
        const mine = dayDigests(rows, DAYS);
        const theirRows = rows.filter((r) => keep(r.id));
        const theirs = Object.fromEntries(Object.entries(dayDigests(theirRows, DAYS)).filter(([, d]) => !d.startsWith('0-')));
        const expected = DAYS.filter((d) => rows.filter((r) => r.day === d).length !== theirRows.filter((r) => r.day === d).length);
        expect(differingDays(mine, theirs, DAYS)).toEqual(expected);
      })
    );
  });
});

describe('agreement of the other tablets', () => {
  const mine = { '2026-11-22': formatDigest(digestOf(['aaaaaaaa:1'])) };
  const days = ['2026-11-22'];

  it('trusts a reachable tablet’s advert, else the last QR compared, else nothing', () => {
    expect(agreementOf({ mine, days, advert: mine, reachable: true })).toEqual({ agreement: 'equal', via: 'sync' });
    expect(agreementOf({ mine, days, advert: {}, reachable: true, qr: { kind: 'equal' } })).toEqual({ agreement: 'differs', via: 'sync' });
    expect(agreementOf({ mine, days, advert: mine, reachable: false })).toEqual({ agreement: 'unknown', via: 'none' });
    expect(agreementOf({ mine, days, advert: {}, reachable: false, qr: { kind: 'equal' } })).toEqual({ agreement: 'equal', via: 'qr' });
    expect(agreementOf({ mine, days, reachable: false, qr: { kind: 'differs', sameEntries: false, counts: [] } })).toEqual({ agreement: 'differs', via: 'qr' });
  });

  it('are held up by any tablet that differs and by any that worked the shift unconfirmed', () => {
    const row = (device: string, agreement: TabletAgreement['agreement'], worked: boolean): TabletAgreement => ({ device, agreement, worked, via: 'sync' });
    expect(blockingTablets([row('a', 'equal', true), row('b', 'unknown', false)])).toEqual([]);
    expect(blockingTablets([row('a', 'equal', true), row('b', 'unknown', true), row('c', 'differs', false)])).toEqual(['b', 'c']);
  });
});
