/**
 * Steps at the sampling point's stations, shared by the browser tests.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { formatAddress } from '../../src/lib/roster/roster';
import type { Person } from '../../src/lib/core/types';
import { demoCode, demoRoster, verdict, wedgeScan } from './app';

/** Residents with distinct addresses, skipping the first `skip`. */
export function residents(count: number, skip = 0): Person[] {
  const seen = new Set<string>();
  return demoRoster()
    .filter((p) => !seen.has(formatAddress(p)) && seen.add(formatAddress(p)))
    .slice(skip, skip + count);
}

/** Opens the demo site and a round of ten to a tube (the supervisor's part). */
export async function openDemoRound(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: '打开演示站点' }).click();
  await expect(page.getByText('选择岗位')).toBeVisible({ timeout: 30_000 });
  await page.goto('/rounds');
  await page.getByTestId('round-name').fill('第1轮');
  await page.getByRole('radio', { name: '十混一', exact: true }).check();
  await page.getByRole('button', { name: '开启', exact: true }).click();
  await expect(page.getByTestId('current-round')).toHaveText('当前轮次：第1轮');
}

/** Goes to a station, signing the staff in if asked. */
export async function station(page: Page, path: string) {
  await page.goto(path);
  const staff = page.getByTestId('staff-name');
  await expect(staff.or(verdict(page))).toBeVisible();
  if (await staff.isVisible()) {
    await staff.fill('李四');
    await page.getByRole('button', { name: '保存' }).click();
  }
  await expect(verdict(page)).toBeVisible();
}

export const tubeRow = (page: Page, tube: string) => page.locator(`[data-testid="tube-row"][data-tube="${tube}"]`);

/** Wedge-scans a tube label and people into it at the recorder. */
export async function fillTube(page: Page, tube: string, people: Person[]) {
  await wedgeScan(page, tube);
  await expect(page.getByTestId('tube-barcode')).toHaveText(`试管 ${tube}`);
  for (const p of people) await wedgeScan(page, demoCode(p));
  await expect(page.getByTestId('tube-count')).toHaveText(`${people.length} / 10`);
}

export async function seal(page: Page, tube: string, count: number) {
  await page.getByTestId('seal-tube').click();
  await expect(tubeRow(page, tube)).toHaveAttribute('data-status', 'sealed');
  await expect(tubeRow(page, tube)).toContainText(`${count} 人`);
}


/** Reads a downloaded CSV as rows of cells (our files have a BOM and no quoted commas here). */
export async function downloadedCsv(page: Page, click: () => Promise<void>): Promise<string[][]> {
  const download = page.waitForEvent('download');
  await click();
  const text = await readFile((await (await download).path())!, 'utf8');
  return text.replace(/^\uFEFF/, '').trim().split(/\r\n/).map((l) => l.split(','));
}
