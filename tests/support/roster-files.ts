/**
 * Roster files for the import tests, built byte by byte, and the steps of an import.
 */
import { expect, type Page } from '@playwright/test';
import writeXlsxFile from 'write-excel-file/node';
import { detectColumns, mapRows } from '../../src/lib/roster/import-rules';
import type { Person } from '../../src/lib/core/types';

/** A file as Playwright's `setInputFiles` takes it. */
export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

// Node has no GB18030 encoder: the two-byte codes of the few characters the tests use
// (each checked with `new TextDecoder('gb18030')`, and again in `gb18030` below).
const GB18030: Record<string, [number, number]> = {
  张: [0xd5, 0xc5], 三: [0xc8, 0xfd], 李: [0xc0, 0xee], 四: [0xcb, 0xc4], 王: [0xcd, 0xf5], 五: [0xce, 0xe5],
  楼: [0xc2, 0xa5], 栋: [0xb6, 0xb0], 单: [0xb5, 0xa5], 元: [0xd4, 0xaa], 房: [0xb7, 0xbf], 号: [0xba, 0xc5],
  姓: [0xd0, 0xd5], 名: [0xc3, 0xfb], 手: [0xca, 0xd6], 机: [0xbb, 0xfa], 合: [0xba, 0xcf], 计: [0xbc, 0xc6]
};

/** Encodes text as GB18030 (ASCII and the characters above only). */
export function gb18030(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(...new TextEncoder().encode(ch));
    else if (GB18030[ch]) bytes.push(...GB18030[ch]);
    else throw new Error(`no GB18030 code for ${ch} in the test table`);
  }
  const buffer = Buffer.from(bytes);
  if (new TextDecoder('gb18030').decode(buffer) !== text) throw new Error('GB18030 table is wrong');
  return buffer;
}

function csvField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A table as CSV text, CRLF between lines as Excel writes it. */
export function csvText(table: readonly (readonly string[])[]): string {
  return table.map((row) => row.map(csvField).join(',')).join('\r\n');
}

export function csvFile(name: string, table: readonly (readonly string[])[]): TestFile {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(csvText(table), 'utf-8') };
}

export async function xlsxFile(name: string, table: readonly (readonly string[])[]): Promise<TestFile> {
  const data = table.map((row) => row.map((value) => ({ value, type: String })));
  const buffer = await writeXlsxFile(data).toBuffer();
  return { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer };
}

/** The people the importer makes of a table (the core's own reading, for their ids). */
export function peopleOf(table: string[][]): Person[] {
  const detected = detectColumns(table);
  return mapRows(table, detected.headerRow, detected.mapping).people;
}

/** Opens the demo site from the home screen (it has a fixed id, `demo0001`). */
export async function openDemo(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: '打开演示站点' }).click();
  await expect(page.getByText('选择岗位')).toBeVisible({ timeout: 30_000 });
}

/** Picks a file on the import screen and waits for the column table. */
export async function pickRosterFile(page: Page, file: TestFile) {
  await page.goto('/roster/import');
  await page.getByTestId('roster-file').setInputFiles(file);
}

export const count = (page: Page, id: 'import' | 'refused' | 'warnings' | 'skipped' | 'blank') => page.getByTestId(`count-${id}`).locator('strong');

/** The roster screen's total line for `n` people. */
export async function expectRosterTotal(page: Page, n: number, timeout?: number) {
  await page.goto('/roster');
  await expect(page.getByTestId('roster-total')).toHaveText(`底册共 ${n} 人`, { timeout });
}
