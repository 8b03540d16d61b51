import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FUZZ_TIMEOUT, fuzzRuns, hostileText, mutatedBytes, mutatedText } from '$lib/core/fuzz-fixtures';
import { detectColumns, mapRows } from '$lib/roster/import-rules';
import { makeDemoRoster, seededRandom } from '$lib/roster/demo-roster';
import {
  MAX_ROSTER_CELLS,
  MAX_ROSTER_FILE_BYTES,
  MAX_ROSTER_ROWS,
  MAX_ROSTER_XML_BYTES,
  UnsupportedRosterFileError,
  decodeRosterText,
  parseRosterText,
  readRosterFile,
  writeRosterCsv,
  writeRosterXlsx,
  type UnsupportedRosterFileKind
} from './read-file';
import { measureWorkbook } from './workbook-size';
import { sheetData, workbookFile, workbookParts, zip } from './xlsx-fixtures';

const KINDS: readonly UnsupportedRosterFileKind[] = ['xls-legacy', 'unknown-type', 'empty', 'unreadable', 'too-large', 'too-many-cells'];
const NAMES = ['底册.csv', '底册.xlsx', 'roster.txt', 'export.xls', 'roster', 'photo.png', 'a.tsv'];

/**
 * Reads `file` as the import screen does: a table of text within the caps (which the import's
 * next steps read without throwing, unless `readOnly`), or a refusal with its kind, nothing else.
 */
async function outcome(file: File, readOnly = false): Promise<string[][] | UnsupportedRosterFileKind> {
  try {
    const table = await readRosterFile(file);
    expect(table.length).toBeGreaterThan(0);
    expect(table.length).toBeLessThanOrEqual(MAX_ROSTER_ROWS);
    if (readOnly) return table;
    for (const row of table) for (const cell of row) expect(typeof cell).toBe('string');
    const d = detectColumns(table);
    mapRows(table, d.headerRow, d.mapping);
    return table;
  } catch (e) {
    expect(e).toBeInstanceOf(UnsupportedRosterFileError);
    expect(KINDS).toContain((e as UnsupportedRosterFileError).kind);
    return (e as UnsupportedRosterFileError).kind;
  }
}

const realXlsx = new Uint8Array(await (await writeRosterXlsx(makeDemoRoster(seededRandom(5), 4))).arrayBuffer());
const realCsv = new Uint8Array(await writeRosterCsv(makeDemoRoster(seededRandom(6), 4)).arrayBuffer());
/** A cell reference as read-excel-file reads it, including the ones it should never meet. */
const cellRef = fc.oneof(
  fc.tuple(fc.constantFrom('A', 'B', 'Z', 'AA', 'XFD', 'ZZZZ', 'ZZZZZZ', 'a', '', '@'), fc.constantFrom('1', '2', '0', '-1', '1.5', '1e9', '200001', '&#49;&#48;', '')).map(([c, r]) => c + r),
  hostileText(8)
);
/** A sheet of hostile cells, with a few tags at hostile places, then perhaps one edit of its XML. */
const hostileSheet = fc
  .tuple(fc.array(fc.array(hostileText(12), { maxLength: 5 }), { maxLength: 6 }), fc.array(fc.tuple(fc.constantFrom('row', 'c', 'x:row', 'x:c'), fc.constantFrom('r', 'x:r', 'R'), cellRef), { maxLength: 3 }))
  .map(([rows, extra]) => sheetData(rows).replace('</sheetData>', extra.map(([tag, attr, ref]) => `<${tag} ${attr}="${ref}"><is><t>x</t></is></${tag}>`).join('') + '</sheetData>'))
  .chain((xml) => fc.oneof(fc.constant(xml), mutatedText(xml)));

describe('roster files under fuzzing', { timeout: FUZZ_TIMEOUT }, () => {
  it('never throw on any bytes under any name, and read a table or refuse with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2000 }), mutatedBytes(realCsv)), fc.constantFrom(...NAMES), async (bytes, name) => void (await outcome(new File([bytes], name)))),
      { numRuns: fuzzRuns(0.25) }
    );
  });

  it('never throw on a real workbook cut, flipped or spliced', async () => {
    await fc.assert(fc.asyncProperty(mutatedBytes(realXlsx), async (bytes) => void (await outcome(new File([bytes], '底册.xlsx')))), { numRuns: fuzzRuns(0.05) });
  });

  it('never throw on workbooks of hostile sheets, stored or deflated, and keep what they read within the caps', async () => {
    await fc.assert(fc.asyncProperty(hostileSheet, fc.boolean(), async (xml, deflate) => void (await outcome(await workbookFile(xml, { deflate })))), { numRuns: fuzzRuns(0.05) });
  });

  it('never throw on text in any encoding, and decode it or refuse it as unreadable', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 500 }), mutatedBytes(realCsv)), (bytes) => {
        let text: string;
        try {
          text = decodeRosterText(bytes);
        } catch (e) {
          expect((e as UnsupportedRosterFileError).kind).toBe('unreadable');
          return;
        }
        for (const row of parseRosterText(text)) expect(row.every((c) => typeof c === 'string')).toBe(true);
      }),
      { numRuns: fuzzRuns(0.5) }
    );
  });

  it('read back every roster they export, as CSV and as XLSX', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(1000), fc.integer({ min: 1, max: 30 }), fc.boolean(), async (seed, n, xlsx) => {
        const people = makeDemoRoster(seededRandom(seed), n);
        const file = new File([xlsx ? await writeRosterXlsx(people) : writeRosterCsv(people)], xlsx ? 'a.xlsx' : 'a.csv');
        const table = await readRosterFile(file);
        const d = detectColumns(table);
        expect(mapRows(table, d.headerRow, d.mapping).people).toEqual(people);
      }),
      { numRuns: fuzzRuns(0.01) }
    );
  });
});

describe('roster files at their caps', { timeout: FUZZ_TIMEOUT }, () => {
  const header = '姓名,房号\n';

  it('refuse a file over the size cap by its size alone, before reading a byte of it', async () => {
    const huge = (size: number) => Object.defineProperty(new File(['姓名,房号\n张三,1201\n'], 'a.csv'), 'size', { value: size });
    expect(await outcome(huge(MAX_ROSTER_FILE_BYTES + 1))).toBe('too-large');
    expect(await outcome(huge(MAX_ROSTER_FILE_BYTES))).toEqual([['姓名', '房号'], ['张三', '1201'], ['']]);
  });

  it('read a text table at the row cap, and refuse one row more or a line of too many cells before parsing it', async () => {
    expect(await outcome(new File([header + '\n'.repeat(MAX_ROSTER_ROWS - 2)], 'a.csv'), true)).toHaveLength(MAX_ROSTER_ROWS);
    expect(await outcome(new File([header + '\n'.repeat(MAX_ROSTER_ROWS - 1)], 'a.csv'))).toBe('too-many-cells');
    expect(await outcome(new File([header + '\r'.repeat(MAX_ROSTER_ROWS)], 'a.csv'))).toBe('too-many-cells');
    expect(await outcome(new File([header + ','.repeat(MAX_ROSTER_CELLS)], 'a.csv'))).toBe('too-many-cells');
  });

  it('measure a workbook whose last row is at the row cap as that many rows, and refuse one that names a row past it', async () => {
    const at = (row: number) => `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="${row}"><c r="A${row}" t="inlineStr"><is><t>张三</t></is></c></row></sheetData>`;
    const atCap = await workbookFile(at(MAX_ROSTER_ROWS), { deflate: true });
    expect(await measureWorkbook(new Uint8Array(await atCap.arrayBuffer()), MAX_ROSTER_XML_BYTES)).toMatchObject({ rows: MAX_ROSTER_ROWS, cells: MAX_ROSTER_ROWS });
    expect(await outcome(await workbookFile(at(MAX_ROSTER_ROWS + 1), { deflate: true }))).toBe('too-many-cells');
    // A smaller one is read whole, its last row where the sheet puts it.
    expect((await outcome(await workbookFile(at(5000), { deflate: true }))).at(-1)).toEqual(['张三']);
  });

  it('regression: refuse a 3 KB workbook that names row 2,000,000 (read-excel-file built every row in memory)', async () => {
    const far = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="2000000"><c r="A2000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`;
    const file = await workbookFile(far, { deflate: true });
    expect(file.size).toBeLessThan(4096);
    expect(await outcome(file)).toBe('too-many-cells');
    // However it writes the number: an exponent, a character reference, a namespace prefix.
    for (const r of ['2e6', '&#50;000000', '2000000" x:r="1']) {
      expect(await outcome(await workbookFile(`<sheetData><x:row x:r="${r}"><x:c r="A1" t="inlineStr"><is><t>x</t></is></x:c></x:row></sheetData>`))).toBe('too-many-cells');
    }
  });

  it('regression: refuse a workbook with one cell far to the right of a long table (every row is filled out to it)', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>张三</t></is></c></row>`).join('');
    const file = await workbookFile(`<sheetData>${rows}<row r="1001"><c r="XFD1001" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`, { deflate: true });
    expect(await outcome(file)).toBe('too-many-cells');
    expect(await outcome(await workbookFile(`<sheetData><row r="1"><c r="ZZZZZ1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`))).toBe('too-many-cells');
  });

  it('regression: refuse a workbook that declares more XML than the cap, or whose parts inflate past what they declare', async () => {
    const parts = workbookParts(sheetData([['姓名'], ['张三']]));
    const declaring = await zip(parts, { deflate: true, declared: { 'xl/worksheets/sheet1.xml': MAX_ROSTER_XML_BYTES } });
    expect(await outcome(new File([declaring], 'a.xlsx'))).toBe('too-many-cells');
    const lying = await zip(parts, { deflate: true, declared: { 'xl/worksheets/sheet1.xml': 10 } });
    expect(await outcome(new File([lying], 'a.xlsx'))).toBe('unreadable');
  });

  it('regression: a cell longer than any cell kept is not a header, however it ends', () => {
    const long = `姓名(${'x'.repeat(200)})`;
    expect(detectColumns([[long, '房号', '楼栋']]).mapping.name).toBeUndefined();
    expect(detectColumns([['姓名(必填)', '房号', '楼栋']]).mapping.name).toBe(0);
    // A header row of `(` runs with no `)`: not read as headers (the bracket pattern was quadratic on them).
    expect(detectColumns([['姓名' + '('.repeat(50_000), '房号', '楼栋']]).mapping.name).toBeUndefined();
  });
});
