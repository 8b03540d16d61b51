import { describe, expect, it } from 'vitest';
import { cleanCell, idChecksumOk, readBuilding, readIdNumber, readName, readPhone, readRoom, readUnit, splitAddress } from './cells';
import { readTags, writeTags } from './tags';
import { nameInitials } from './name-initials';
import { maskIdNumber } from './roster';

// A valid 18-digit number (checksum computed, see idChecksumOk) and the same with a bad check digit.
const GOOD_ID = '11010519491231002X';
const BAD_ID = '110105194912310021';

describe('cleanCell', () => {
  it('normalises full-width text, strips invisible characters and collapses whitespace', () => {
    expect(cleanCell('  １２０１\u200b ')).toBe('1201');
    expect(cleanCell('张\u00a0 三\t')).toBe('张 三');
    expect(cleanCell('\ufeff李四\u202e')).toBe('李四');
    expect(cleanCell('a\r\nb')).toBe('a b');
    expect(cleanCell(null)).toBe('');
    expect(cleanCell(1201)).toBe('1201');
  });
  it('keeps formula-like text as text, and takes off the quote our export put before it', () => {
    expect(cleanCell('=HYPERLINK("http://x")')).toBe('=HYPERLINK("http://x")');
    expect(cleanCell("'=1+1")).toBe('=1+1');
    expect(cleanCell("'s Gravenhage")).toBe("'s Gravenhage");
  });
});

describe('address parts', () => {
  it('reads building forms', () => {
    for (const b of ['3', '3栋', '3号楼', '3幢', '03', '3.0', '３号楼', '3#']) expect(readBuilding(cleanCell(b))).toBe('3栋');
    expect(readBuilding('A座')).toBe('A座');
  });
  it('reads unit and room forms', () => {
    expect(readUnit('2')).toBe('2单元');
    expect(readUnit('2单元')).toBe('2单元');
    expect(readRoom('1201室')).toBe('1201');
    expect(readRoom('1201.0')).toBe('1201');
    expect(readRoom('0801')).toBe('801');
    expect(readRoom('B1201')).toBe('B1201');
  });
  it('splits combined addresses', () => {
    expect(splitAddress('3栋2单元1201')).toEqual({ building: '3栋', unit: '2单元', room: '1201' });
    expect(splitAddress('幸福里小区3号楼2单元1201室')).toEqual({ building: '3栋', unit: '2单元', room: '1201' });
    expect(splitAddress('3-2-1201')).toEqual({ building: '3栋', unit: '2单元', room: '1201' });
    expect(splitAddress('3幢1201')).toEqual({ building: '3栋', unit: '', room: '1201' });
    expect(splitAddress('张家村15号')).toEqual({ building: '', unit: '', room: '15' });
    expect(splitAddress('不详')).toBeNull();
  });
});

describe('readPhone', () => {
  it('accepts the forms spreadsheets and people produce', () => {
    for (const p of ['13800138000', '138 0013 8000', '138-0013-8000', '+86 13800138000', '8613800138000', '13800138000.0', '1.38001380000E+10', '13800138000/13900139000']) {
      expect(readPhone(p), p).toEqual({ ok: true, phone: '13800138000' });
    }
    expect(readPhone('010-12345678')).toEqual({ ok: true, phone: '01012345678' });
    expect(readPhone('8765 4321')).toEqual({ ok: true, phone: '87654321' });
  });
  it('refuses numbers whose digits are gone or that are not phones', () => {
    expect(readPhone('1.38E+10')).toEqual({ ok: false, problem: 'lost-digits' });
    expect(readPhone('1380013800')).toEqual({ ok: false, problem: 'malformed' });
    expect(readPhone('12800138000')).toEqual({ ok: false, problem: 'malformed' });
    expect(readPhone('call me')).toEqual({ ok: false, problem: 'malformed' });
  });
});

describe('readIdNumber', () => {
  it('masks a valid number at once and never returns it whole', () => {
    expect(idChecksumOk(GOOD_ID)).toBe(true);
    const reading = readIdNumber(GOOD_ID.toLowerCase(), maskIdNumber);
    expect(reading).toEqual({ ok: true, masked: '1101**********002X' });
    expect(JSON.stringify(reading)).not.toContain('19491231');
  });
  it('accepts old 15-digit numbers, passports and already masked numbers', () => {
    expect(readIdNumber('110105491231002', maskIdNumber)).toEqual({ ok: true, masked: '1101*******1002' });
    expect(readIdNumber('E12345678', maskIdNumber)).toEqual({ ok: true, masked: 'E123*5678' });
    expect(readIdNumber('1101**********1234', maskIdNumber)).toEqual({ ok: true, masked: '1101**********1234' });
  });
  it('refuses a failed checksum, Excel-truncated numbers and junk', () => {
    expect(readIdNumber(BAD_ID, maskIdNumber)).toEqual({ ok: false, problem: 'checksum' });
    expect(readIdNumber('1.10105E+17', maskIdNumber)).toEqual({ ok: false, problem: 'lost-digits' });
    expect(readIdNumber('身份证', maskIdNumber)).toEqual({ ok: false, problem: 'malformed' });
  });
});

describe('names, initials and tags', () => {
  it('tidies padded names and middle dots', () => {
    expect(readName('张  三')).toBe('张三');
    expect(readName('John Smith')).toBe('John Smith');
    expect(readName('阿卜杜•热合曼')).toBe('阿卜杜·热合曼');
  });
  it('gives pinyin initials, with surname readings', () => {
    expect(nameInitials('张三')).toBe('zs');
    expect(nameInitials('欧阳小明')).toBe('oyxm');
    expect(nameInitials('曾伟')).toBe('zw');
    expect(nameInitials('单田芳')).toBe('stf');
    expect(nameInitials('John Smith')).toBe('js');
    expect(nameInitials('阿卜杜·热合曼')).toBe('abdrhm');
  });
  it('reads several tags from one cell, in any of the usual words', () => {
    expect(readTags('高龄、卧床')).toEqual({ tags: ['elderly', 'bedridden'], unknown: [] });
    expect(readTags('孕妇,残疾；居家隔离 慢性病')).toEqual({ tags: ['disabled', 'pregnant', 'quarantined', 'sick'], unknown: [] });
    expect(readTags('elderly, Disabled')).toEqual({ tags: ['elderly', 'disabled'], unknown: [] });
    expect(readTags('无')).toEqual({ tags: [], unknown: [] });
    expect(readTags('党员 老人')).toEqual({ tags: ['elderly'], unknown: ['党员'] });
  });
  it('reads back what it writes', () => {
    const tags = ['elderly', 'disabled', 'pregnant', 'bedridden', 'quarantined', 'sick'] as const;
    expect(readTags(writeTags(tags)).tags).toEqual(tags);
  });
});
