/**
 * Finding the header of a roster table and what each column holds.
 *
 * Community office exports rarely start with their header: a title row (`XX小区居民花名册`),
 * a date line, blank rows and merged cells come first, and some have two header rows (`住址`
 * merged over `楼栋 | 单元 | 房号`). So the first rows are scanned and each is scored by how
 * many distinct fields its cells name; the best row wins (the earliest on a tie). A title
 * cannot win on its own: however many keywords it holds, one cell counts for one field.
 * The row just below (or above) the winner is then read as a second header row for the columns
 * the winner left open.
 *
 * A header names a field exactly (after normalising: NFKC, lower case, no spaces, asterisks or
 * bracketed notes such as `(必填)`), or contains a keyword of at least two characters (`户主姓名`,
 * `联系电话`). Exact matches are assigned before keyword matches; the first column wins a field.
 */
import { MAX_CELL_LENGTH, cleanCell } from './cells';

/** What a roster column can hold. `address` is a combined `3栋2单元1201`, split when needed. */
export const ROSTER_FIELDS = ['building', 'unit', 'room', 'name', 'phone', 'idNumber', 'tags', 'address'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Which column (0-based) holds each field; a field with no column is absent. */
export type ColumnMapping = Partial<Record<RosterField, number>>;

/** A header cell that names no field, for the user to map or leave out. */
export interface UnknownHeader {
  /** 0-based column index. */
  column: number;
  /** The header as written (cleaned). */
  header: string;
}

/** What `detectColumns` found. */
export interface ColumnDetection {
  /**
   * 0-based index in the table of the (last) header row: data starts on the next row.
   * -1 when no header was found; then the data starts on the first row and `mapping` is empty.
   */
  headerRow: number;
  mapping: ColumnMapping;
  /** Non-empty header cells that name no field (`性别`, `工作单位` …). */
  unknownHeaders: UnknownHeader[];
  /** Fields an import cannot do without and that no column holds: `name`, and `room` unless an address column stands in. */
  missing: RosterField[];
  /** The header text of every column (from both rows of a two-row header), for the mapping screen. */
  headers: string[];
}

/** How many rows from the top are searched for the header. */
export const HEADER_SCAN_ROWS = 15;

const EXACT: Readonly<Record<RosterField, readonly string[]>> = {
  building: ['楼栋', '楼号', '栋', '楼', '幢', '栋号', '幢号', '楼栋号', '楼宇', '所在楼栋', 'building', 'bldg', 'block', 'tower'],
  unit: ['单元', '单元号', 'unit'],
  room: ['房号', '房间号', '房间', '门牌号', '门牌', '室', '室号', '户号', 'room', 'roomno', 'roomnumber', 'apt', 'apartment', 'flat', 'door'],
  name: ['姓名', '名字', '名称', '户主姓名', '居民姓名', '人员姓名', 'name', 'fullname', 'residentname'],
  phone: ['手机', '手机号', '手机号码', '电话', '电话号码', '联系电话', '联系方式', 'phone', 'mobile', 'tel', 'telephone', 'phonenumber', 'mobilenumber', 'cellphone', 'contact'],
  idNumber: ['证件号', '证件号码', '身份证', '身份证号', '身份证号码', '公民身份号码', 'id', 'idnumber', 'idno', 'idcard', 'idcardnumber', 'identitynumber', 'passport'],
  tags: ['标签', '人群类别', '人员类别', '特殊人群', '重点人群', '人群分类', '类别', 'tags', 'tag', 'group', 'groups', 'category', 'specialgroup'],
  address: ['地址', '住址', '家庭住址', '居住地址', '现住址', '详细地址', '房屋地址', 'address', 'addr', 'homeaddress']
};

// Keywords a longer header may contain. Order matters where one header could hold two.
const CONTAINS: readonly (readonly [RosterField, readonly string[]])[] = [
  ['idNumber', ['身份证', '证件', 'idnumber', 'idcard']],
  ['phone', ['手机', '电话', '联系方式', 'phone', 'mobile']],
  ['name', ['姓名', '名字', 'name']],
  ['unit', ['单元']],
  ['room', ['房号', '房间', '门牌', '室号']],
  ['building', ['楼栋', '楼号', '栋号', '幢号', 'building']],
  ['tags', ['人群', '类别', '标签']],
  ['address', ['地址', '住址', 'address']]
];

// Known columns that are not imported: row numbers, and the person id our export writes (ids are
// always derived again, see person-id.ts). They count towards finding the header but are not "unknown".
const IGNORED = new Set(['序号', '编号', '人员编号', 'no', '#', 'personid', 'index']);

const EXACT_LOOKUP = new Map<string, RosterField>();
for (const field of ROSTER_FIELDS) for (const s of EXACT[field]) EXACT_LOOKUP.set(s, field);

/** A header as compared: NFKC, lower case, without spaces, asterisks, colons or bracketed notes. */
export function normaliseHeader(text: string): string {
  return cleanCell(text)
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '')
    .replace(/[\s*:_.-]/g, '');
}

type Match = { field: RosterField; exact: boolean } | 'ignored' | null;

function matchHeader(cell: string): Match {
  // A cell longer than any the import keeps is a title or a note, never a header; and the
  // bracket pattern of normaliseHeader is quadratic on a long run of `(` with no `)`.
  if (cell.length > MAX_CELL_LENGTH) return null;
  const h = normaliseHeader(cell);
  if (h.length === 0) return null;
  if (IGNORED.has(h)) return 'ignored';
  const exact = EXACT_LOOKUP.get(h);
  if (exact) return { field: exact, exact: true };
  // Long cells are titles and notes, not headers; a cell starting with a digit is data (`2单元`).
  if (h.length > 16 || /^\d/.test(h)) return null;
  for (const [field, keywords] of CONTAINS) if (keywords.some((k) => h.includes(k))) return { field, exact: false };
  return null;
}

/** The field a cell names when read as a header, if any (used to spot a header repeated inside the data). */
export function headerField(cell: unknown): RosterField | null {
  const m = matchHeader(cleanCell(cell));
  return m === null || m === 'ignored' ? null : m.field;
}

interface RowReading {
  mapping: ColumnMapping;
  score: number;
}

/** Maps one row's cells to fields: exact matches first, then keyword matches; the first column wins a field. */
function readHeaderRow(row: readonly unknown[], open: (column: number) => boolean = () => true): RowReading {
  const mapping: ColumnMapping = {};
  let score = 0;
  const matches = row.map((cell, column) => (open(column) ? matchHeader(cleanCell(cell)) : null));
  for (const pass of [true, false]) {
    matches.forEach((m, column) => {
      if (m === null || m === 'ignored' || m.exact !== pass || mapping[m.field] !== undefined) return;
      mapping[m.field] = column;
      score++;
    });
  }
  // An ignored column (序号) is a hint, worth less than a field.
  score += matches.some((m) => m === 'ignored') ? 0.5 : 0;
  return { mapping, score };
}

const MIN_SCORE = 1.5;

function isFilled(row: readonly unknown[] | undefined, column: number): boolean {
  return row !== undefined && cleanCell(row[column]).length > 0;
}

/** Adds a neighbouring row's fields for the columns `base` leaves open (empty, or the group label `地址`). */
function mergeSecondRow(base: ColumnMapping, baseRow: readonly unknown[], other: readonly unknown[]): ColumnMapping | null {
  const addressColumn = base.address;
  const taken = new Set(Object.values(base));
  const open = (column: number) => column === addressColumn || (!taken.has(column) && !isFilled(baseRow, column));
  const extra = readHeaderRow(other, open).mapping;
  const merged: ColumnMapping = { ...base };
  let added = 0;
  for (const field of ROSTER_FIELDS) {
    const column = extra[field];
    if (column === undefined || field === 'address') continue;
    if (merged[field] !== undefined && merged[field] !== addressColumn) continue;
    if (column === addressColumn) delete merged.address;
    merged[field] = column;
    added++;
  }
  return added > 0 ? merged : null;
}

/**
 * Finds the header row of a roster table and maps its columns to fields. Pure; never throws.
 * The caller may change the mapping (the user maps unknown columns) before `mapRows`.
 */
export function detectColumns(table: readonly (readonly unknown[])[]): ColumnDetection {
  let best = -1;
  let bestReading: RowReading = { mapping: {}, score: 0 };
  const limit = Math.min(table.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const reading = readHeaderRow(table[r]!);
    if (reading.score > bestReading.score) {
      best = r;
      bestReading = reading;
    }
  }
  if (best < 0 || bestReading.score < MIN_SCORE) {
    return { headerRow: -1, mapping: {}, unknownHeaders: [], missing: ['name', 'room'], headers: [] };
  }
  let headerRow = best;
  let mapping = bestReading.mapping;
  const headerRows = [best];
  const below = table[best + 1] ? mergeSecondRow(mapping, table[best]!, table[best + 1]!) : null;
  if (below) {
    mapping = below;
    headerRow = best + 1;
    headerRows.push(best + 1);
  } else if (best > 0) {
    const above = mergeSecondRow(mapping, table[best]!, table[best - 1]!);
    if (above) {
      mapping = above;
      headerRows.unshift(best - 1);
    }
  }
  return { headerRow, mapping, ...describeColumns(table, headerRows, mapping) };
}

function describeColumns(table: readonly (readonly unknown[])[], headerRows: number[], mapping: ColumnMapping) {
  const width = Math.max(...headerRows.map((r) => table[r]!.length));
  const headers: string[] = [];
  for (let column = 0; column < width; column++) {
    // The lower row is the more specific label (`楼栋` under `住址`).
    const labels = headerRows.map((r) => cleanCell(table[r]![column])).filter((s) => s.length > 0);
    headers.push(labels[labels.length - 1] ?? '');
  }
  const mapped = new Set(Object.values(mapping));
  const unknownHeaders: UnknownHeader[] = [];
  headers.forEach((header, column) => {
    if (header.length > 0 && !mapped.has(column) && matchHeader(header) !== 'ignored') unknownHeaders.push({ column, header });
  });
  const missing: RosterField[] = [];
  if (mapping.name === undefined) missing.push('name');
  if (mapping.room === undefined && mapping.address === undefined) missing.push('room');
  return { unknownHeaders, missing, headers };
}
