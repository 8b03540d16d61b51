/**
 * Writing the roster out as CSV or XLSX, in columns the importer reads back: an exported roster
 * imports again with the same person ids.
 *
 * Formula injection: a cell that starts with `=` `+` `-` `@` is a formula to Excel when it opens
 * a CSV, and a roster carries whatever the office typed. The CSV therefore puts a `'` before such
 * a cell (the importer takes it off again). The XLSX does not need it: its cells are typed as
 * text, which Excel never evaluates, and a quote there would show in every name.
 */
import writeXlsxFile, { type SheetData } from 'write-excel-file/browser';
import { writeTags } from '$lib/roster/tags';
import type { Person } from '$lib/core/types';

/** The exported columns, in order. `证件号` holds the masked ID number; `人员编号` the person id. */
export const ROSTER_EXPORT_HEADERS = ['楼栋', '单元', '房号', '姓名', '手机', '证件号', '标签', '人员编号'] as const;

function personRow(p: Person): string[] {
  return [p.building, p.unit, p.room, p.name, p.phone, p.idMasked, writeTags(p.tags), p.id];
}

/** Prefixes a formula-like cell with `'` so a spreadsheet shows it as text. */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(text: string): string {
  const safe = defuseFormula(text);
  return /[",\r\n;\t|]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The roster as CSV: UTF-8 with a BOM (without it Excel on a Chinese Windows reads the file as
 * GBK and shows mojibake), CRLF line ends as Excel writes them, formula-like cells defused.
 * Note that Excel shows long digit runs (phones) in scientific notation when it opens a CSV;
 * prefer `writeRosterXlsx` for files people will edit and send back.
 */
export function writeRosterCsv(people: readonly Person[]): Blob {
  const lines = [ROSTER_EXPORT_HEADERS.join(',')];
  for (const p of people) lines.push(personRow(p).map(csvField).join(','));
  return new Blob(['\uFEFF', lines.join('\r\n'), '\r\n'], { type: 'text/csv;charset=utf-8' });
}

/** The roster as an XLSX workbook of one sheet, every cell typed as text, the header row frozen. */
export async function writeRosterXlsx(people: readonly Person[]): Promise<Blob> {
  const data: SheetData = [ROSTER_EXPORT_HEADERS.map((value) => ({ value, type: String, fontWeight: 'bold' as const }))];
  for (const p of people) data.push(personRow(p).map((value) => ({ value, type: String })));
  return writeXlsxFile(data, {
    sheet: '底册',
    stickyRowsCount: 1,
    columns: [{ width: 8 }, { width: 8 }, { width: 8 }, { width: 12 }, { width: 14 }, { width: 22 }, { width: 16 }, { width: 14 }]
  }).toBlob();
}
