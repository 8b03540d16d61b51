import { expect, test, type Page } from '@playwright/test';
import { readSheet } from 'read-excel-file/node';
import { DEMO_SITE_ID, demoRoster, verdict, wedgeScan } from '../support/app';
import { count, csvFile, csvText, expectRosterTotal, gb18030, openDemo, peopleOf, pickRosterFile, xlsxFile } from '../support/roster-files';
import { formatPersonCode } from '../../src/lib/core/code';
import { formatAddress, maskName } from '../../src/lib/roster/roster';
import type { Person } from '../../src/lib/core/types';

const HEADER = ['楼栋', '单元', '房号', '姓名', '手机'];
const confirmButton = (page: Page) => page.getByRole('button', { name: /^确认导入/ });

/** Signs the staff in at the gate, then scans a person's code with the wedge scanner. */
async function scanAtGate(page: Page, person: Person) {
  await page.goto('/gate');
  const staff = page.getByTestId('staff-name');
  await expect(staff.or(verdict(page))).toBeVisible();
  if (await staff.isVisible()) {
    await staff.fill('王五');
    await page.getByRole('button', { name: '保存' }).click();
  }
  await expect(verdict(page)).toHaveAttribute('data-kind', 'ready');
  await wedgeScan(page, formatPersonCode(DEMO_SITE_ID, person.id));
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  await expect(page.getByTestId('verdict-name')).toHaveText(maskName(person.name));
}

test.describe('roster import, search, export and codes', () => {
  test('a GB18030 CSV with a title, a blank row, a footer and a row without a name imports; the gate knows the people', async ({ page }) => {
    const table = [
      ['Xingfuli compound 2022'],
      HEADER,
      ['9', '1', '101', '张三', '13800138000'],
      ['9', '1', '102', '李四', '13800138001'],
      [''],
      ['9', '2', '201', '王五', '13800138002'],
      ['9', '2', '202', '', '13800138003'],
      ['合计', '', '', '', '3']
    ];
    const people = peopleOf(table);
    expect(people).toHaveLength(3);
    await openDemo(page);
    await pickRosterFile(page, { name: '底册.csv', mimeType: 'text/csv', buffer: gb18030(csvText(table)) });

    // The columns were recognised through the GB18030 bytes.
    await expect(page.getByRole('combobox', { name: /姓名/ })).toHaveValue('name');
    await page.getByRole('button', { name: '下一步：预览' }).click();
    await expect(count(page, 'import')).toHaveText('3');
    await expect(count(page, 'refused')).toHaveText('1');
    await expect(count(page, 'warnings')).toHaveText('0');
    await expect(count(page, 'skipped')).toHaveText('1');
    await expect(count(page, 'blank')).toHaveText('1');
    await expect(page.getByTestId('new-updated')).toHaveText('其中新增 3 人，更新 0 人');
    await expect(page.getByTestId('preview-name')).toHaveText(['张三', '李四', '王五']);
    const refused = page.getByTestId('problem-row').filter({ hasText: '缺少姓名' });
    await expect(refused).toHaveCount(1);
    await expect(refused.locator('td').first()).toHaveText('7');
    await expect(page.getByTestId('problem-row').filter({ hasText: '表尾' }).locator('td').first()).toHaveText('8');

    await confirmButton(page).click();
    await expect(page.getByTestId('import-done')).toHaveText(`导入完成：底册现有 ${demoRoster().length + 3} 人。`);

    await expectRosterTotal(page, demoRoster().length + 3);
    const li = people[1]!;
    await page.getByTestId('roster-search').fill('李四');
    const found = page.getByTestId('roster-result').filter({ hasText: formatAddress(li) });
    await expect(found).toHaveCount(1);
    await expect(found.getByTestId('roster-result-name')).toHaveText(maskName('李四'));

    await scanAtGate(page, li);

    // The same file again replaces the three people: nothing is added twice.
    await pickRosterFile(page, { name: '底册.csv', mimeType: 'text/csv', buffer: gb18030(csvText(table)) });
    await page.getByRole('button', { name: '下一步：预览' }).click();
    await expect(page.getByTestId('new-updated')).toHaveText('其中新增 0 人，更新 3 人');
    await confirmButton(page).click();
    await expect(page.getByTestId('import-done')).toHaveText(`导入完成：底册现有 ${demoRoster().length + 3} 人。`);
  });

  test('an XLSX file imports', async ({ page }) => {
    const table = [HEADER, ['8', '1', '301', '赵六', '13900139000'], ['8', '1', '302', '钱七', '13900139001']];
    await openDemo(page);
    await pickRosterFile(page, await xlsxFile('roster.xlsx', table));
    await page.getByRole('button', { name: '下一步：预览' }).click();
    await expect(count(page, 'import')).toHaveText('2');
    await expect(page.getByTestId('preview-name')).toHaveText(['赵六', '钱七']);
    await confirmButton(page).click();
    await expect(page.getByTestId('import-done')).toBeVisible();
    await expectRosterTotal(page, demoRoster().length + 2);
    await page.getByTestId('roster-search').fill('钱七');
    await expect(page.getByTestId('roster-result').filter({ hasText: formatAddress(peopleOf(table)[1]!) })).toHaveCount(1);
  });

  test('a column with an unknown header can be mapped by hand, then imports', async ({ page }) => {
    const table = [
      ['楼栋', '单元', '房号', '住户', '电话'],
      ['7', '1', '101', '孙八', '13700137000']
    ];
    await openDemo(page);
    await pickRosterFile(page, csvFile('roster.csv', table));
    await expect(page.getByText('还没有指定“姓名”列，无法导入。请在上表中选择哪一列是姓名。')).toBeVisible();
    await expect(page.getByRole('button', { name: '下一步：预览' })).toBeDisabled();
    await expect(page.getByTestId('column-mapping').getByRole('row').filter({ hasText: '住户' })).toContainText('未识别');

    await page.getByRole('combobox', { name: /住户/ }).selectOption({ label: '姓名' });
    await expect(page.getByText('还没有指定“姓名”列')).toHaveCount(0);
    await page.getByRole('button', { name: '下一步：预览' }).click();
    await expect(page.getByTestId('preview-name')).toHaveText(['孙八']);
    await confirmButton(page).click();
    await expect(page.getByTestId('import-done')).toBeVisible();
    await expectRosterTotal(page, demoRoster().length + 1);
  });

  test('a picture or an old .xls gives a clear message and changes nothing', async ({ page }) => {
    await openDemo(page);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    await pickRosterFile(page, { name: 'photo.png', mimeType: 'image/png', buffer: png });
    await expect(page.getByRole('alert')).toHaveText('这不是表格文件。请选择 Excel（.xlsx）或 CSV 文件。 底册没有任何改动。');

    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    await page.getByTestId('roster-file').setInputFiles({ name: '底册.xls', mimeType: 'application/vnd.ms-excel', buffer: xls });
    await expect(page.getByRole('alert')).toContainText('这是旧版 Excel（.xls）文件，无法读取。请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV 后再导入。');
    await expect(page.getByTestId('column-mapping')).toHaveCount(0);

    await expectRosterTotal(page, demoRoster().length);
  });

  test('markup in names shows as text in the preview, the search, the codes and at the gate', async ({ page }) => {
    const evil = '<img src=x onerror="window.__xss=1">';
    const table = [HEADER, ['66', '1', '101', evil, '13600136000']];
    const [person] = peopleOf(table);
    await openDemo(page);
    await pickRosterFile(page, csvFile('roster.csv', table));
    await page.getByRole('button', { name: '下一步：预览' }).click();
    await expect(page.getByTestId('preview-name')).toHaveText([evil]);
    await confirmButton(page).click();
    await expect(page.getByTestId('import-done')).toBeVisible();

    await expectRosterTotal(page, demoRoster().length + 1);
    await page.getByTestId('roster-search').fill('<img');
    await expect(page.getByTestId('roster-result-name')).toHaveText([maskName(evil)]);
    await page.getByLabel('显示全名').check();
    await expect(page.getByTestId('roster-result-name')).toHaveText([evil]);

    await page.goto('/roster/codes');
    await page.getByTestId('card-kind-code').check();
    await page.getByTestId('codes-building').selectOption({ label: person!.building });
    await expect(page.getByTestId('code-label')).toHaveCount(1);
    await expect(page.getByTestId('label-name')).toHaveText(maskName(evil));
    await expect(page.getByTestId('qr')).toHaveAttribute('aria-label', formatPersonCode(DEMO_SITE_ID, person!.id));

    await scanAtGate(page, person!);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  });

  test('the printable codes page has one label per person of the building and unit chosen', async ({ page }) => {
    const [first] = demoRoster();
    const sameUnit = demoRoster().filter((p) => p.building === first!.building && p.unit === first!.unit);
    await openDemo(page);
    await page.goto('/roster');
    await page.getByRole('link', { name: '打印出入证' }).click();
    await page.getByTestId('card-kind-code').check();
    await page.getByTestId('codes-building').selectOption({ label: first!.building });
    await page.getByTestId('codes-unit').selectOption({ label: first!.unit });
    await expect(page.getByTestId('code-label')).toHaveCount(sameUnit.length);
    await expect(page.getByText(`共 ${sameUnit.length} 张`)).toBeVisible();
    await expect(page.getByTestId('code-label').filter({ hasText: formatAddress(first!) }).first()).toContainText(maskName(first!.name));
  });

  test('export XLSX downloads a workbook that reads back with everyone on the roster', async ({ page }) => {
    await openDemo(page);
    await page.goto('/roster');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^底册-演示站点·幸福里小区-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = await readSheet(await download.path());
    expect(rows[0]).toEqual(['楼栋', '单元', '房号', '姓名', '手机', '证件号', '标签', '人员编号']);
    expect(rows).toHaveLength(demoRoster().length + 1);
    const ids = new Set(rows.slice(1).map((row) => String(row[7])));
    expect(demoRoster().every((p) => ids.has(p.id))).toBe(true);
    const [first] = demoRoster();
    expect(rows.find((row) => row[7] === first!.id)?.[3]).toBe(first!.name);
  });

  test('40,000 rows import completely', async ({ page }) => {
    test.setTimeout(300_000);
    const table: string[][] = [HEADER];
    for (let i = 0; i < 40_000; i++) table.push([String(100 + Math.floor(i / 400)), String(1 + Math.floor((i % 400) / 100)), String(1000 + (i % 100)), `居民${i}`, '']);
    await openDemo(page);
    await pickRosterFile(page, csvFile('big.csv', table));
    await page.getByRole('button', { name: '下一步：预览' }).click();
    await expect(count(page, 'import')).toHaveText('40000', { timeout: 120_000 });
    await expect(count(page, 'refused')).toHaveText('0');
    await confirmButton(page).click();
    await expect(page.getByTestId('import-done')).toHaveText(`导入完成：底册现有 ${demoRoster().length + 40_000} 人。`, { timeout: 180_000 });
    await expectRosterTotal(page, demoRoster().length + 40_000, 60_000);
  });
});
