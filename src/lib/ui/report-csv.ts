/**
 * Writing a plain table (the import's problem report) as CSV that Excel on a Chinese Windows
 * opens correctly: UTF-8 with a BOM, CRLF line ends, and formula-like cells defused, since the
 * report quotes cells of the imported file (see write-file.ts).
 */
import { defuseFormula } from './write-file';

function csvField(text: string): string {
  const safe = defuseFormula(text);
  return /[",\r\n;\t|]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A table of text cells as a CSV file, the first row being the header. */
export function writeTableCsv(rows: readonly (readonly string[])[]): Blob {
  const lines = rows.map((row) => row.map(csvField).join(','));
  return new Blob(['\uFEFF', lines.join('\r\n'), '\r\n'], { type: 'text/csv;charset=utf-8' });
}
