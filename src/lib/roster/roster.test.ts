import { describe, expect, it } from 'vitest';
import { formatAddress, maskIdNumber, maskName, searchRoster } from './roster';
import { makePerson } from '$lib/core/builders';
import { makeDemoRoster, seededRandom } from './demo-roster';

describe('roster display', () => {
  it('masks names as the gate screen shows them', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('李')).toBe('李');
  });
  it('masks ID numbers and formats addresses', () => {
    expect(maskIdNumber('110101199003071234')).toBe('1101**********1234');
    expect(formatAddress({ building: '3栋', unit: '2单元', room: '1201' })).toBe('3栋-2单元-1201');
  });
});

describe('searchRoster', () => {
  const people = [
    makePerson({ id: 'a1', name: '张三', initials: 'zs', building: '1栋', unit: '1单元', room: '101' }),
    makePerson({ id: 'a2', name: '张三丰', initials: 'zsf', building: '2栋', unit: '1单元', room: '1201' }),
    makePerson({ id: 'a3', name: '李四', initials: 'ls', building: '3栋', unit: '2单元', room: '1201' })
  ];
  it('finds by name, exact match first', () => {
    expect(searchRoster(people, '张三').map((p) => p.id)).toEqual(['a1', 'a2']);
  });
  it('finds by pinyin initials', () => {
    expect(searchRoster(people, 'zsf').map((p) => p.id)).toEqual(['a2']);
    expect(searchRoster(people, 'ZS').map((p) => p.id)).toEqual(['a1', 'a2']);
  });
  it('finds by address, in any of the usual spellings', () => {
    expect(searchRoster(people, '3-2-1201').map((p) => p.id)).toEqual(['a3']);
    expect(searchRoster(people, '3栋2单元1201').map((p) => p.id)).toEqual(['a3']);
    expect(searchRoster(people, '1201').map((p) => p.id).sort()).toEqual(['a2', 'a3']);
  });
  it('returns nothing for an empty query', () => {
    expect(searchRoster(people, '  ')).toEqual([]);
  });
  it('keeps the best matches in address order when far more match than it returns', () => {
    // The reference: every match scored and fully sorted, as the search did before it only
    // ever ordered the best `limit` (what the benchmark's 40,000-person roster needed).
    const roster = makeDemoRoster(seededRandom(7), 3000);
    const reference = (query: string, limit: number) => {
      const text = query.trim();
      const all = roster.flatMap((p, i) => {
        const score = p.name === text ? 4 : p.name.startsWith(text) ? 3 : p.name.includes(text) ? 2 : 0;
        return score ? [{ p, i, score }] : [];
      });
      all.sort((a, b) => b.score - a.score || formatAddress(a.p).localeCompare(formatAddress(b.p), 'zh') || a.i - b.i);
      return all.slice(0, limit).map((s) => s.p.id);
    };
    const surname = Array.from(roster[0]!.name)[0]!;
    for (const query of [surname, roster[5]!.name, roster[9]!.name.slice(0, 2)]) {
      for (const limit of [1, 5, 31, 5000]) expect(searchRoster(roster, query, limit).map((p) => p.id)).toEqual(reference(query, limit));
    }
    expect(searchRoster(roster, '1', 31)).toHaveLength(31);
    expect(searchRoster(roster, '1', 31).every((p) => p.room.startsWith('1'))).toBe(true);
  });
});
