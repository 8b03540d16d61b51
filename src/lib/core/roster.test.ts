import { describe, expect, it } from 'vitest';
import { formatAddress, maskIdNumber, maskName, searchRoster } from './roster';
import { makePerson } from './builders';

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
});
