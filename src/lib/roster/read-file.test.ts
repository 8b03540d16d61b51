import { describe, expect, it } from 'vitest';
import { cellText, readRosterFile, UnsupportedRosterFileError, writeRosterCsv, writeRosterXlsx, type UnsupportedRosterFileKind } from './read-file';
import { detectColumns, mapRows } from '$lib/roster/import-rules';
import { makeDemoRoster, seededRandom } from '$lib/roster/demo-roster';
import { makePerson } from '$lib/core/builders';
import { nameInitials } from '$lib/roster/name-initials';
import type { Person } from '$lib/core/types';

// GB18030 (GBK) bytes of a few characters, as Excel on a Chinese Windows saves them.
const GB = { 张: [0xd5, 0xc5], 三: [0xc8, 0xfd], 楼: [0xc2, 0xa5], 栋: [0xb6, 0xb0], 姓: [0xd0, 0xd5], 名: [0xc3, 0xfb], 房: [0xb7, 0xbf], 号: [0xba, 0xc5] };
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

function file(parts: BlobPart[], name: string): File {
  return new File(parts, name);
}

async function expectKind(promise: Promise<unknown>, kind: UnsupportedRosterFileKind) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(UnsupportedRosterFileError);
  expect((error as UnsupportedRosterFileError).kind).toBe(kind);
}

async function importFile(f: File) {
  const table = await readRosterFile(f);
  const d = detectColumns(table);
  return mapRows(table, d.headerRow, d.mapping);
}

describe('readRosterFile: text', () => {
  it('decodes a GB18030 CSV from a Chinese Excel', async () => {
    // 楼栋,房号,姓名\r\n3,1201,张三\r\n
    const bytes = new Uint8Array([
      ...GB.楼, ...GB.栋, ...ascii(','), ...GB.房, ...GB.号, ...ascii(','), ...GB.姓, ...GB.名, ...ascii('\r\n3,1201,'), ...GB.张, ...GB.三, ...ascii('\r\n')
    ]);
    const table = await readRosterFile(file([bytes], '花名册.csv'));
    expect(table.slice(0, 2)).toEqual([
      ['楼栋', '房号', '姓名'],
      ['3', '1201', '张三']
    ]);
    const result = await importFile(file([bytes], '花名册.csv'));
    expect(result.people.map((p) => [p.building, p.room, p.name, p.initials])).toEqual([['3栋', '1201', '张三', 'zs']]);
  });
  it('decodes UTF-8 with a BOM and without one', async () => {
    const text = '楼栋,房号,姓名\n3,1201,张三\n';
    for (const parts of [['\uFEFF', text], [text]]) {
      const table = await readRosterFile(file(parts, 'a.csv'));
      expect(table[0]).toEqual(['楼栋', '房号', '姓名']);
      expect(table[1]).toEqual(['3', '1201', '张三']);
    }
  });
  it('decodes UTF-16LE "Unicode text" with tabs', async () => {
    const text = '\uFEFF楼栋\t房号\t姓名\r\n3\t1201\t张三，李四\r\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    const table = await readRosterFile(file([bytes], 'roster.txt'));
    // The full-width comma is punctuation inside a cell, never a delimiter.
    expect(table[1]).toEqual(['3', '1201', '张三，李四']);
  });
  it('reads a text table that a web system named .xls', async () => {
    const table = await readRosterFile(file(['姓名\t房号\n张三\t1201\n'], 'export.xls'));
    expect(table[1]).toEqual(['张三', '1201']);
  });
  it('keeps row numbers: blank lines stay in the table', async () => {
    const result = await importFile(file(['小区花名册\n\n楼栋,房号,姓名\n3,1201,张三\n3,,\n,,\n3,1202,\n'], 'a.csv'));
    expect(result.refused).toEqual([]);
    expect(result.skipped).toEqual([{ row: 5, kind: 'address-only', text: '3' }, { row: 7, kind: 'address-only', text: '3' }]);
  });
});

describe('readRosterFile: what it cannot read', () => {
  it('names the reason', async () => {
    await expectKind(readRosterFile(file([], 'a.csv')), 'empty');
    await expectKind(readRosterFile(file(['\n\n , ,\n'], 'a.csv')), 'empty');
    await expectKind(readRosterFile(file([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0])], 'old.xls')), 'xls-legacy');
    await expectKind(readRosterFile(file([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])], 'photo.png')), 'unknown-type');
    await expectKind(readRosterFile(file(['%PDF-1.7 …'], 'roster.pdf')), 'unknown-type');
    await expectKind(readRosterFile(file([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])], 'letter.docx')), 'unknown-type');
    await expectKind(readRosterFile(file([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6])], 'broken.xlsx')), 'unreadable');
  });
});

describe('cellText', () => {
  it('writes spreadsheet values as the user saw them', () => {
    expect(cellText(1201)).toBe('1201');
    expect(cellText(13800138000)).toBe('13800138000');
    expect(cellText(110105194912310000)).toBe('110105194912310000');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(new Date(Date.UTC(2022, 3, 1)))).toBe('2022-04-01');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(null)).toBe('');
  });
});

describe('export and import again', () => {
  const hostile: Person[] = [
    { name: '<img src=x onerror=alert(1)>', tags: ['elderly', 'sick'] as Person['tags'] },
    { name: '=HYPERLINK("http://evil.example","点我")', room: '102', phone: '' },
    { name: '+1, "quoted"', room: '103', idMasked: '' },
    // A building without units (a row with a blank unit under one with a unit, in the same
    // building, would take that unit: merged cells are filled down).
    { name: '@SUM(A1)', building: '9栋', room: '104', unit: '' }
  ].map((o) => makePerson({ ...o, id: '', initials: nameInitials(o.name) }));

  it('writes a CSV Excel opens in Chinese, with formulas defused', async () => {
    const blob = writeRosterCsv(hostile);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.split('\r\n')[0]).toBe('\uFEFF楼栋,单元,房号,姓名,手机,证件号,标签,人员编号');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(text).toContain("'@SUM(A1)");
    expect(text).toContain(`"'+1, ""quoted"""`);
  });

  it('round-trips a CSV: the same people with the same ids', async () => {
    const people = [...makeDemoRoster(seededRandom(3), 300), ...hostile];
    const expected = people.map((p) => ({ ...p, id: '' }));
    const result = await importFile(file([writeRosterCsv(people)], 'roster.csv'));
    expect(result.refused).toEqual([]);
    expect(result.people.map((p) => ({ ...p, id: '' }))).toEqual(expected);
    expect(result.people.slice(0, 300).map((p) => p.id)).toEqual(people.slice(0, 300).map((p) => p.id));
  });

  it('round-trips an XLSX, with the browser entries of read-excel-file and write-excel-file', async () => {
    const people = [...makeDemoRoster(seededRandom(4), 200), ...hostile];
    const blob = await writeRosterXlsx(people);
    const result = await importFile(file([blob], 'roster.xlsx'));
    expect(result.refused).toEqual([]);
    expect(result.people.map((p) => ({ ...p, id: '' }))).toEqual(people.map((p) => ({ ...p, id: '' })));
    expect(result.people.slice(0, 200).map((p) => p.id)).toEqual(people.slice(0, 200).map((p) => p.id));
  });
});
