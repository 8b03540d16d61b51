/**
 * Reading a roster file the user picked into a table of text cells, for `detectColumns` and
 * `mapRows` in roster/import-rules.ts.
 *
 * What arrives at a community office: `.xlsx` from Excel or WPS; `.csv` saved by Excel on a
 * Chinese Windows, which is GB18030 (GBK) without a BOM, or UTF-8 with a BOM from newer
 * versions; "Unicode text" (UTF-16 with BOM, tab-separated); old binary `.xls`, which we cannot
 * read; and `.xls` files from web systems that are really text inside. So the type is decided by
 * the first bytes first and the file name second.
 */
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/browser';
import { measureWorkbook } from './workbook-size';

export { writeRosterCsv, writeRosterXlsx, ROSTER_EXPORT_HEADERS } from '$lib/ui/write-file';

/**
 * Why a file cannot be read as a roster. Closed set: the UI has a message in both languages for each.
 * - `xls-legacy`: an old binary Excel 97–2003 `.xls` (or WPS `.et`): save it as `.xlsx` or CSV.
 * - `unknown-type`: not a spreadsheet or text table at all (a picture, PDF, Word file …).
 * - `empty`: the file, or the table in it, has no cells.
 * - `unreadable`: it looks like a spreadsheet but is damaged, or its text cannot be decoded.
 * - `too-large`: larger than `MAX_ROSTER_FILE_BYTES`; a roster of 40,000 people is a few megabytes.
 * - `too-many-cells`: a table of more than `MAX_ROSTER_ROWS` rows or `MAX_ROSTER_CELLS` cells (for
 *   a workbook, as it declares and names them: cells far to the right or below the data count),
 *   or a workbook that unzips to more than `MAX_ROSTER_XML_BYTES`. Refused before it is parsed.
 */
export type UnsupportedRosterFileKind = 'xls-legacy' | 'unknown-type' | 'empty' | 'unreadable' | 'too-large' | 'too-many-cells';

/** Thrown by `readRosterFile` when a file cannot be read as a roster; `kind` says why. */
export class UnsupportedRosterFileError extends Error {
  readonly kind: UnsupportedRosterFileKind;

  constructor(kind: UnsupportedRosterFileKind, options?: { cause?: unknown }) {
    super(`Cannot read this file as a roster: ${kind}`, options);
    this.name = 'UnsupportedRosterFileError';
    this.kind = kind;
  }
}

/** Files above this size are refused before they are read into memory. */
export const MAX_ROSTER_FILE_BYTES = 64 * 1024 * 1024;
/** Rows of a roster table: five times a community of 40,000. */
export const MAX_ROSTER_ROWS = 200_000;
/** Cells of a roster table (rows × columns as the file lays them out): 200,000 rows of 50 columns. */
export const MAX_ROSTER_CELLS = 10_000_000;
/** What a workbook may unzip to: a 40,000-row roster's XML is ~15 MB. */
export const MAX_ROSTER_XML_BYTES = 256 * 1024 * 1024;

type Format = 'xlsx' | 'text';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const TEXT_EXTENSIONS = new Set(['csv', 'txt', 'tsv', 'tab', '']);

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** Decides the format from the first bytes, then the name; throws for what we cannot read. */
function sniff(head: Uint8Array, name: string): Format {
  const ext = extensionOf(name);
  if (startsWith(head, OLE2)) throw new UnsupportedRosterFileError('xls-legacy');
  if (startsWith(head, ZIP)) {
    // .ods, .docx, .zip are ZIP archives too, but not ones read-excel-file understands.
    if (ext === 'xlsx' || ext === 'xlsm' || ext === '') return 'xlsx';
    throw new UnsupportedRosterFileError('unknown-type');
  }
  // Text: a NUL byte in the first kilobytes means binary, unless it is UTF-16.
  const binary = !hasUtf16Bom(head) && head.includes(0);
  if (binary) throw new UnsupportedRosterFileError(ext === 'xls' ? 'xls-legacy' : 'unknown-type');
  // Web systems often hand out text tables named .xls.
  if (TEXT_EXTENSIONS.has(ext) || ext === 'xls') return 'text';
  throw new UnsupportedRosterFileError('unknown-type');
}

/**
 * Decodes the bytes of a text table: a BOM decides (UTF-8, UTF-16LE, UTF-16BE); otherwise strict
 * UTF-8, and when that fails GB18030, which is what Excel's "CSV" is on a Chinese Windows (and
 * a superset of GBK and GB2312).
 */
export function decodeRosterText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: fall through to the Chinese legacy encoding.
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new UnsupportedRosterFileError('unreadable', { cause });
  }
}

const DELIMITERS = [',', '\t', ';', '|'] as const;

/**
 * Guesses the delimiter: the one that splits the most of the first lines into the same number
 * (above one) of cells. papaparse's own guess averages the cell count over every line, so a
 * title row or a few blank lines above a two-column table make it give up and fall back to comma.
 * The full-width comma `，` is never a candidate: it is punctuation inside Chinese cells.
 */
function guessDelimiter(text: string): string {
  let best: string = ',';
  let bestRows = 0;
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(text, { delimiter, preview: 50, skipEmptyLines: 'greedy' }).data;
    const counts = new Map<number, number>();
    for (const row of rows) if (row.length > 1) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    const agreeing = Math.max(0, ...counts.values());
    if (agreeing > bestRows) {
      best = delimiter;
      bestRows = agreeing;
    }
  }
  return best;
}

/**
 * Throws `too-many-cells` for text with more lines than MAX_ROSTER_ROWS or more possible cells
 * (delimiters of any kind, and lines) than MAX_ROSTER_CELLS: one pass, before any parsing.
 */
function checkTextSize(text: string): void {
  let lines = 1;
  let returns = 1;
  let cells = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lines++;
    else if (c === 13) returns++;
    else if (c === 44 || c === 9 || c === 59 || c === 124) cells++;
  }
  const rows = Math.max(lines, returns);
  if (rows > MAX_ROSTER_ROWS || cells + rows > MAX_ROSTER_CELLS) throw new UnsupportedRosterFileError('too-many-cells');
}

/**
 * Splits text into rows of cells, with the delimiter `guessDelimiter` finds. Empty lines are
 * kept so that row numbers match the lines the user sees.
 */
export function parseRosterText(text: string): string[][] {
  const result = Papa.parse<string[]>(text, { delimiter: guessDelimiter(text), skipEmptyLines: false, header: false, dynamicTyping: false });
  return result.data;
}

/** A spreadsheet number as the user saw it: 1201 not 1201.0, no float noise (0.30000000000000004). */
function numberText(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 });
  return String(Number(n.toPrecision(15)));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** One xlsx cell as text: dates as YYYY-MM-DD (read-excel-file gives them at UTC midnight). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? numberText(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1, 2)}-${pad(value.getUTCDate(), 2)}`;
  }
  return String(value);
}

function hasCells(table: readonly (readonly string[])[]): boolean {
  return table.some((row) => row.some((c) => c.trim().length > 0));
}

/** The first sheet with any cells: a workbook may keep an empty `Sheet1` before the one with the data. */
async function readXlsx(bytes: Uint8Array<ArrayBuffer>): Promise<string[][]> {
  // What it declares and names first: read-excel-file would build all of it in memory.
  const size = await measureWorkbook(bytes, MAX_ROSTER_XML_BYTES);
  if (!size) throw new UnsupportedRosterFileError('unreadable');
  if (size.xmlBytes > MAX_ROSTER_XML_BYTES || size.rows > MAX_ROSTER_ROWS || size.cells > MAX_ROSTER_CELLS) throw new UnsupportedRosterFileError('too-many-cells');
  let sheets: { data: unknown[][] }[];
  try {
    sheets = await readXlsxFile(bytes.buffer);
  } catch (cause) {
    throw new UnsupportedRosterFileError('unreadable', { cause });
  }
  const tables = sheets.map((sheet) => sheet.data.map((row) => row.map(cellText)));
  return tables.find(hasCells) ?? [];
}

/**
 * Reads a roster file (`.xlsx`, `.csv`, `.txt`, `.tsv`, or a text table named `.xls`) into rows of
 * text cells (of a workbook, the first sheet that has any). Row `i` of the result is spreadsheet row `i + 1`.
 * Throws `UnsupportedRosterFileError` (with its `kind`) for anything else; never returns an empty table.
 */
export async function readRosterFile(file: File): Promise<string[][]> {
  if (file.size === 0) throw new UnsupportedRosterFileError('empty');
  if (file.size > MAX_ROSTER_FILE_BYTES) throw new UnsupportedRosterFileError('too-large');
  const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  const format = sniff(head, file.name);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let table: string[][];
  if (format === 'xlsx') table = await readXlsx(bytes);
  else {
    const text = decodeRosterText(bytes);
    checkTextSize(text);
    table = parseRosterText(text);
  }
  if (!hasCells(table)) throw new UnsupportedRosterFileError('empty');
  return table;
}
