import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectColumns, mapRows, mapRowsInSteps, REFUSE_REASONS, type ColumnMapping } from './import-rules';
import { searchRoster } from './roster';
import { makePersonId } from './person-id';

const HEADER = ['序号', '楼栋', '单元', '房号', '姓名', '联系电话', '身份证号(必填)', '人群类别'];
const GOOD_ID = '11010519491231002X';

/** A data row under HEADER; `overrides` by header name. */
function row(overrides: Partial<Record<'楼栋' | '单元' | '房号' | '姓名' | '电话' | '证件' | '类别', string>> = {}): string[] {
  return [
    '1',
    overrides.楼栋 ?? '3栋',
    overrides.单元 ?? '2单元',
    overrides.房号 ?? '1201',
    overrides.姓名 ?? '张三',
    overrides.电话 ?? '13800138000',
    overrides.证件 ?? '',
    overrides.类别 ?? ''
  ];
}

/** Detects and maps in one go, as the import screen does when the user changes nothing. */
function importTable(table: string[][]) {
  const detected = detectColumns(table);
  return { detected, result: mapRows(table, detected.headerRow, detected.mapping) };
}

describe('detectColumns', () => {
  it('finds the header under a title row, a date line and blank rows', () => {
    const table = [['幸福里小区居民花名册', '', ''], ['', '', ''], ['填报日期：2022年4月1日'], HEADER, row()];
    const d = detectColumns(table);
    expect(d.headerRow).toBe(3);
    expect(d.mapping).toEqual({ building: 1, unit: 2, room: 3, name: 4, phone: 5, idNumber: 6, tags: 7 });
    expect(d.unknownHeaders).toEqual([]);
    expect(d.missing).toEqual([]);
  });
  it('reads English headers and reports the ones it does not know', () => {
    const d = detectColumns([['Building', 'Unit', 'Room No.', 'Full Name', 'Mobile', 'ID Number', 'Tags', 'Gender', 'Employer']]);
    expect(d.mapping).toEqual({ building: 0, unit: 1, room: 2, name: 3, phone: 4, idNumber: 5, tags: 6 });
    expect(d.unknownHeaders).toEqual([
      { column: 7, header: 'Gender' },
      { column: 8, header: 'Employer' }
    ]);
  });
  it('matches headers with notes, asterisks, spaces and longer wording', () => {
    const d = detectColumns([['*姓 名', '户主联系电话（必填）', '家庭住址', '性别']]);
    expect(d.mapping).toEqual({ name: 0, phone: 1, address: 2 });
    expect(d.unknownHeaders).toEqual([{ column: 3, header: '性别' }]);
    expect(d.missing).toEqual([]);
  });
  it('reads a two-row header: 住址 merged over 楼栋, 单元, 房号', () => {
    const table = [
      ['序号', '姓名', '住址', '', '', '联系电话'],
      ['', '', '楼栋', '单元', '房号', ''],
      ['1', '李四', '3', '2', '1201', '13800138000']
    ];
    const d = detectColumns(table);
    expect(d.headerRow).toBe(1);
    expect(d.mapping).toEqual({ name: 1, building: 2, unit: 3, room: 4, phone: 5 });
    expect(d.headers).toEqual(['序号', '姓名', '楼栋', '单元', '房号', '联系电话']);
    expect(mapRows(table, d.headerRow, d.mapping).people.map((p) => p.room)).toEqual(['1201']);
  });
  it('says what is missing, and finds nothing in a table without a header', () => {
    expect(detectColumns([['姓名', '电话']]).missing).toEqual(['room']);
    const none = detectColumns([['张三', '1201'], ['李四', '1202']]);
    expect(none.headerRow).toBe(-1);
    expect(none.mapping).toEqual({});
  });
});

describe('mapRows', () => {
  it('maps a clean row to a person with initials, a masked ID and a stable id', () => {
    const { result } = importTable([HEADER, row({ 证件: GOOD_ID, 类别: '老人、卧床' })]);
    expect(result.refused).toEqual([]);
    expect(result.people).toEqual([
      {
        id: makePersonId({ building: '3栋', unit: '2单元', room: '1201', name: '张三', idMasked: '1101**********002X' }),
        name: '张三',
        initials: 'zs',
        building: '3栋',
        unit: '2单元',
        room: '1201',
        phone: '13800138000',
        idMasked: '1101**********002X',
        tags: ['elderly', 'bedridden']
      }
    ]);
  });
  it('is forgiving about form', () => {
    const { result } = importTable([
      HEADER,
      row({ 楼栋: '３号楼', 单元: '02', 房号: '1201室', 姓名: ' 张\u200b  三 ', 电话: '1.38001380000E+10' }),
      row({ 楼栋: '4', 单元: '1.0', 房号: '0801.0', 姓名: '李四', 电话: '+86 139 0013 9000' })
    ]);
    expect(result.refused).toEqual([]);
    expect(result.people.map((p) => [p.building, p.unit, p.room, p.name, p.phone])).toEqual([
      ['3栋', '2单元', '1201', '张三', '13800138000'],
      ['4栋', '1单元', '801', '李四', '13900139000']
    ]);
  });
  it('splits a combined address when there are no address columns', () => {
    const { result } = importTable([['姓名', '住址', '电话'], ['王五', '3栋2单元1201', ''], ['赵六', '5-1-302', '']]);
    expect(result.people.map((p) => [p.building, p.unit, p.room])).toEqual([
      ['3栋', '2单元', '1201'],
      ['5栋', '1单元', '302']
    ]);
  });
  it('fills merged building and room cells down, within the same building', () => {
    const table = [HEADER, row({ 姓名: '张三' }), row({ 楼栋: '', 单元: '', 房号: '', 姓名: '李四' }), row({ 楼栋: '4栋', 单元: '', 房号: '', 姓名: '王五' })];
    const { result } = importTable(table);
    expect(result.people.map((p) => [p.name, p.building, p.unit, p.room])).toEqual([
      ['张三', '3栋', '2单元', '1201'],
      ['李四', '3栋', '2单元', '1201']
    ]);
    expect(result.refused).toEqual([{ row: 4, reason: 'missing-room' }]);
    const noFill = mapRows(table, 0, detectColumns(table).mapping, { fillDown: false });
    expect(noFill.refused.map((r) => r.reason)).toEqual(['missing-room', 'missing-room']);
  });
  it('refuses rows with a reason and the 1-based spreadsheet row number', () => {
    const long = '名'.repeat(65);
    const { result } = importTable([
      ['某某社区居民底册'],
      HEADER,
      row(),
      row({ 姓名: '', 电话: '13900139000' }),
      row({ 姓名: '12345' }),
      row({ 姓名: long }),
      row({ 房号: 'x'.repeat(129), 姓名: '孙七' }),
      row()
    ]);
    expect(result.people).toHaveLength(1);
    expect(result.refused).toEqual([
      { row: 4, reason: 'missing-name' },
      { row: 5, reason: 'bad-name' },
      { row: 6, reason: 'too-long', detail: 'name' },
      { row: 7, reason: 'too-long', detail: 'room' },
      { row: 8, reason: 'duplicate', detail: '3' }
    ]);
    for (const r of result.refused) expect(REFUSE_REASONS).toContain(r.reason);
  });
  it('refuses a room that cannot be found', () => {
    const { result } = importTable([['姓名', '地址'], ['周八', '不详']]);
    expect(result.refused).toEqual([{ row: 2, reason: 'missing-room' }]);
  });
  it('keeps the same name in two households, and the same name in one household when the ID numbers differ', () => {
    const { result } = importTable([HEADER, row(), row({ 房号: '1202' }), row({ 证件: GOOD_ID }), row({ 证件: 'E12345678' })]);
    expect(result.people).toHaveLength(4);
    expect(new Set(result.people.map((p) => p.id)).size).toBe(4);
  });
  it('imports a person with a bad phone or ID without it, and warns', () => {
    const { result } = importTable([HEADER, row({ 电话: '1.38E+10', 证件: '110105194912310021', 类别: '党员' })]);
    expect(result.people.map((p) => [p.phone, p.idMasked])).toEqual([['', '']]);
    expect(result.warnings).toEqual([
      { row: 2, reason: 'bad-phone', detail: 'lost-digits' },
      { row: 2, reason: 'bad-id', detail: 'checksum' },
      { row: 2, reason: 'unknown-tag', detail: '党员' }
    ]);
  });
  it('skips blank rows silently and reports footers, repeated headers, vacant rooms and section rows', () => {
    const { result } = importTable([
      HEADER,
      ['', '3栋', '', '', '', '', '', ''],
      row({ 楼栋: '' }),
      ['', '', '', '1202', '空置', '', '', ''],
      HEADER,
      ['', '', '', '', '', '', '', ''],
      ['合计', '', '', '', '2户1人'],
      ['制表人：王主任'],
      [],
      []
    ]);
    expect(result.people.map((p) => [p.building, p.room])).toEqual([['3栋', '1201']]);
    expect(result.skipped).toEqual([
      { row: 2, kind: 'address-only', text: '3栋' },
      { row: 4, kind: 'vacant', text: '1202' },
      { row: 5, kind: 'repeated-header', text: '序号' },
      { row: 7, kind: 'footer', text: '合计' },
      { row: 8, kind: 'footer', text: '制表人:王主任' }
    ]);
    expect(result.blankRows).toBe(3);
    expect(result.refused).toEqual([]);
  });
  it('keeps hostile cells as inert text', () => {
    const xss = '<img src=x onerror=alert(1)>';
    const formula = '=HYPERLINK("http://evil.example","点我")';
    const { result } = importTable([HEADER, row({ 姓名: xss, 类别: '' }), row({ 姓名: formula, 房号: '1202' }), row({ 姓名: '@SUM(A1)', 房号: '-1' })]);
    expect(result.people.map((p) => p.name)).toEqual([xss, formula, '@SUM(A1)']);
    expect(result.people[2]!.room).toBe('-1');
  });
  it('never stores a full ID number anywhere in its result', () => {
    const ids = [GOOD_ID, '110105194912310021', '110105491231002', 'E12345678'];
    const { result } = importTable([HEADER, ...ids.map((id, i) => row({ 证件: id, 房号: String(1201 + i) }))]);
    const everything = JSON.stringify(result);
    for (const id of ids) expect(everything).not.toContain(id);
    expect(result.people.map((p) => p.idMasked)).toEqual(['1101**********002X', '', '1101*******1002', 'E123*5678']);
  });
  it('uses a mapping the user changed', () => {
    const table = [['住户', '门', '备注'], ['张三', '1201', '老人']];
    const d = detectColumns(table);
    expect(d.headerRow).toBe(-1);
    const mapping: ColumnMapping = { name: 0, room: 1, tags: 2 };
    const result = mapRows(table, 0, mapping);
    expect(result.people.map((p) => [p.name, p.room, p.tags])).toEqual([['张三', '1201', ['elderly']]]);
  });
  it('accounts for every row, whatever the cells hold, and never throws', () => {
    const cellArb = fc.oneof(
      fc.string(),
      fc.constantFrom('', ' ', '张三', '3栋', '1201', '13800138000', '合计', '姓名', '空置', '老人', '1.38E+10', '=1+1', GOOD_ID),
      fc.string({ unit: 'grapheme', maxLength: 140 })
    );
    const rowsArb = fc.array(fc.array(cellArb, { maxLength: 9 }), { maxLength: 30 });
    // Random tables (mostly without a header), and random rows under a real header.
    const tableArb = fc.oneof(rowsArb, rowsArb.map((rows) => [HEADER, ...rows]));
    fc.assert(
      fc.property(tableArb, fc.boolean(), (table, fillDown) => {
        const d = detectColumns(table);
        const result = mapRows(table, d.headerRow, d.mapping, { fillDown });
        const start = Math.max(0, d.headerRow + 1);
        const accounted = result.people.length + result.refused.length + result.skipped.length + result.blankRows;
        expect(accounted).toBe(table.length - start);
        const rows = [...result.refused.map((r) => r.row), ...result.skipped.map((s) => s.row)];
        expect(new Set(rows).size).toBe(rows.length);
        for (const p of result.people) {
          expect(p.name.length).toBeGreaterThan(0);
          expect(p.name.length).toBeLessThanOrEqual(64);
          expect(p.room.length).toBeGreaterThan(0);
        }
        expect(new Set(result.people.map((p) => p.id)).size).toBe(result.people.length);
      }),
      { numRuns: 300 }
    );
  });
  it('maps 40,000 rows quickly, and every person is found by name', () => {
    const surnames = Array.from('王李张刘陈杨黄赵吴周');
    const given = Array.from('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚');
    const table: string[][] = [HEADER];
    for (let i = 0; i < 40_000; i++) {
      const name = surnames[i % 10]! + given[Math.floor(i / 10) % 20]! + given[Math.floor(i / 200) % 20]!;
      table.push(['', `${(i % 8) + 1}`, `${(i % 3) + 1}`, String(101 + (i % 3300)), name, `138${String(i).padStart(8, '0')}`, '', i % 7 === 0 ? '老人' : '']);
    }
    const started = performance.now();
    const result = mapRows(table, 0, detectColumns(table).mapping);
    const elapsed = performance.now() - started;
    expect(result.refused).toEqual([]);
    expect(result.people).toHaveLength(40_000);
    // Generous bound: a sanity check that mapping is linear, not a benchmark.
    expect(elapsed).toBeLessThan(3000);
    const someone = result.people[12_345]!;
    expect(searchRoster(result.people, someone.name, 1000)).toContain(someone);
  });
});

describe('mapRowsInSteps', () => {
  /** A table of `count` residents under HEADER, every tenth row a refused one without a name. */
  function bigTable(count: number): string[][] {
    const table = [['花名册'], HEADER];
    for (let i = 0; i < count; i++) table.push(row({ 房号: String(101 + i), 姓名: i % 10 === 9 ? '' : `张${i}` }));
    return table;
  }
  function run(table: string[][], rowsPerStep: number) {
    const progress: { done: number; total: number }[] = [];
    const detected = detectColumns(table);
    const steps = mapRowsInSteps(table, detected.headerRow, detected.mapping, { rowsPerStep });
    for (;;) {
      const step = steps.next();
      if (step.done) return { progress, result: step.value };
      progress.push(step.value);
    }
  }

  it('gives the same result as mapRows, reporting its progress between steps', () => {
    const table = bigTable(25);
    const { progress, result } = run(table, 10);
    expect(progress).toEqual([
      { done: 10, total: 25 },
      { done: 20, total: 25 }
    ]);
    expect(result).toEqual(mapRows(table, 1, detectColumns(table).mapping));
    expect(result.people).toHaveLength(23);
    expect(result.refused.map((r) => r.row)).toEqual([12, 22]);
  });
  it('sees a duplicate and a merged cell across the boundary of two steps', () => {
    const table = [HEADER, row({ 姓名: '张三' }), row({ 姓名: '李四', 房号: '' }), row({ 姓名: '张三' })];
    const { progress, result } = run(table, 1);
    expect(progress).toHaveLength(2);
    expect(result.people.map((p) => [p.name, p.room])).toEqual([
      ['张三', '1201'],
      ['李四', '1201']
    ]);
    expect(result.refused).toEqual([{ row: 4, reason: 'duplicate', detail: '2' }]);
  });
});
