/**
 * The supervisor's lists as files: CSV through the same writer as the import's problem report
 * (BOM, CRLF, formulas defused), XLSX with every cell typed as text (phones stay digits).
 */
import writeXlsxFile, { type SheetData } from 'write-excel-file/browser';
import { writeTableCsv } from '$lib/ui/report-csv';
import { datedFileName, downloadBlob } from '$lib/ui/download';

/** Downloads a table (header first) as `prefix-site-date.csv`. */
export function downloadCsv(rows: string[][], prefix: string, siteName: string, timeZone: string): void {
  downloadBlob(writeTableCsv(rows), datedFileName(prefix, siteName, timeZone, 'csv'));
}

/** Downloads a table (header first) as an XLSX workbook of one sheet, header frozen. */
export async function downloadXlsx(rows: string[][], prefix: string, siteName: string, timeZone: string): Promise<void> {
  const [head = [], ...body] = rows;
  const data: SheetData = [head.map((value) => ({ value, type: String, fontWeight: 'bold' as const }))];
  for (const row of body) data.push(row.map((value) => ({ value, type: String })));
  const blob = await writeXlsxFile(data, { sheet: prefix.slice(0, 31) || 'Sheet1', stickyRowsCount: 1 }).toBlob();
  downloadBlob(blob, datedFileName(prefix, siteName, timeZone, 'xlsx'));
}
