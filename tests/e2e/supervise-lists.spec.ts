/**
 * The lists the supervisor and the door-to-door team work from, beyond the missing list
 * itself: the people kept apart from it (not on the roster; checked in but not sampled),
 * counted on the coverage screen and each printable and exportable; and a team tablet that
 * remembers its buildings across a reload.
 */
import { expect, test } from '@playwright/test';
import { formatAddress, maskName } from '../../src/lib/roster/roster';
import { registerPerson } from '../../src/lib/sampling/register';
import { demoCode, demoRoster, verdict, wedgeScan } from '../support/app';
import { downloadedCsv, openDemoRound, residents, station } from '../support/sampling';

test('people not on the roster and people checked in but not sampled are listed apart from the missing list, counted on the coverage screen, and exported', async ({ page }) => {
  const [ann, ben] = residents(2, 200);
  const form = { name: '赵新来', building: '3号楼', unit: '2', room: '1201', phone: '' };
  const check = registerPerson(form);
  if (!check.ok) throw new Error('the form in this test is valid');
  const newcomer = check.person;
  await openDemoRound(page);

  // The guide registers a newcomer (not on the roster) and checks Ann in; Ann leaves the queue.
  await station(page, '/guide');
  await page.getByTestId('open-register').click();
  await page.getByTestId('register-name').fill(form.name);
  await page.getByTestId('register-building').fill(form.building);
  await page.getByTestId('register-unit').fill(form.unit);
  await page.getByTestId('register-room').fill(form.room);
  await page.getByRole('button', { name: '登记并签到' }).click();
  await expect(verdict(page)).toContainText('现场登记（不在底册）');
  await wedgeScan(page, demoCode(ann!));
  await expect(page.getByTestId('verdict-name')).toHaveText(maskName(ann!.name));

  // The recorder samples the newcomer (found by name), Ben, and a code of this site for an id
  // on no roster.
  await station(page, '/recorder');
  await wedgeScan(page, 'TR-0001');
  await expect(page.getByTestId('tube-barcode')).toHaveText('试管 TR-0001');
  await page.getByTestId('open-search').click();
  await page.getByRole('searchbox').fill(form.name);
  await page.getByTestId('search-result').filter({ hasText: '3栋-2单元-1201' }).click();
  await expect(page.getByTestId('tube-count')).toHaveText('1 / 10');
  await wedgeScan(page, demoCode(ben!));
  await wedgeScan(page, 'BST:DEMO0001:ZZZZ0001');
  await expect(page.getByTestId('tube-count')).toHaveText('3 / 10');

  // Coverage counts the roster as imported; the others are counted apart.
  await page.goto('/coverage');
  const inThree = demoRoster().filter((p) => p.building === '3栋');
  const row = page.getByTestId('cov-3栋');
  await expect(row.locator('[data-col="roster"]')).toHaveText(String(inThree.length));
  await expect(row.locator('[data-col="sampled"]')).toHaveText(ben!.building === '3栋' ? '1' : '0');
  await expect(page.getByTestId('cov-total').locator('[data-col="roster"]')).toHaveText(String(demoRoster().length));
  await expect(page.getByTestId('cov-total').locator('[data-col="sampled"]')).toHaveText('1');
  await expect(page.getByTestId('apart-not-on-roster')).toHaveText('不在底册：2 人');
  await expect(page.getByTestId('apart-not-sampled')).toHaveText('已签到但未采样：1 人');

  // Not on the roster: the newcomer with address and tube, and the unknown id.
  await page.getByTestId('apart-not-on-roster').click();
  await expect(page.getByTestId('list-not-on-roster')).toHaveAttribute('aria-pressed', 'true');
  const apart = page.getByTestId('not-on-roster').locator('tbody tr');
  await expect(apart).toHaveCount(2);
  await expect(apart.nth(0)).toHaveAttribute('data-person', newcomer.id);
  await expect(apart.nth(0)).toContainText('赵*来');
  await expect(apart.nth(1)).toHaveAttribute('data-person', 'zzzz0001');
  await expect(apart.nth(1)).toContainText('不在底册');
  expect(await downloadedCsv(page, () => page.getByTestId('export-csv').click())).toEqual([
    ['楼栋', '单元', '房号', '姓名', '手机', '特殊人群', '试管', '人员编号'],
    ['3栋', '2单元', '1201', '赵*来', '', '', 'TR-0001', newcomer.id],
    ['不在底册', '', '', '', '', '', 'TR-0001', 'zzzz0001']
  ]);

  // Checked in, not sampled: Ann alone.
  await page.getByTestId('list-not-sampled').click();
  const waiting = page.getByTestId('not-sampled').locator('tbody tr');
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toHaveAttribute('data-person', ann!.id);
  const file = await downloadedCsv(page, () => page.getByTestId('export-csv').click());
  expect(file.slice(1).map((r) => `${r[0]}-${r[1]}-${r[2]} ${r[3]} ${r[7]}`)).toEqual([`${formatAddress(ann!)} ${maskName(ann!.name)} ${ann!.id}`]);

  // The missing list of the newcomer's unit has every resident not sampled, and not them.
  await page.getByTestId('list-missing').click();
  await page.getByTestId('filter-building').selectOption('3栋');
  await page.getByTestId('filter-unit').selectOption('2单元');
  const unit = inThree.filter((p) => p.unit === '2单元' && p.id !== ben!.id);
  await expect(page.getByTestId('missing-count')).toHaveText(`共 ${unit.length} 人`);
  await expect(page.locator(`[data-testid="missing-table"] tr[data-person="${newcomer.id}"]`)).toHaveCount(0);
});

test('a door-to-door tablet remembers its buildings across a reload, and lists their missing people', async ({ page }) => {
  const roster = demoRoster();
  const inTwo = roster.filter((p) => p.building === '2栋');
  const inFour = roster.filter((p) => p.building === '4栋');
  const home = inTwo[0]!;
  await openDemoRound(page);
  await station(page, '/guide'); // signs the staff in
  await page.goto('/visits');
  const chooser = page.getByTestId('visit-buildings');
  await chooser.getByLabel('2栋', { exact: true }).check();
  await chooser.getByLabel('4栋', { exact: true }).check();
  await wedgeScan(page, 'TH-0001');
  await wedgeScan(page, demoCode(home));
  await expect(verdict(page)).toContainText(`${maskName(home.name)} 已入管（1/10）`);
  await expect(page.getByTestId('visit-count')).toHaveText(`共 ${inTwo.length + inFour.length - 1} 人`);

  await page.reload();
  for (const [b, on] of [['1栋', false], ['2栋', true], ['3栋', false], ['4栋', true]] as const) {
    await expect(chooser.getByLabel(b, { exact: true })).toBeChecked({ checked: on });
  }
  await expect(page.getByTestId('visit-count')).toHaveText(`共 ${inTwo.length + inFour.length - 1} 人`);
  const shown = await page.getByTestId('visit-row').locator('strong').allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.filter((a) => !a.startsWith('2栋-') && !a.startsWith('4栋-'))).toEqual([]);
  await page.getByTestId('visit-find').fill(home.room);
  await expect(page.locator(`li[data-person="${home.id}"]`)).toHaveCount(0);

  await chooser.getByLabel('4栋', { exact: true }).uncheck();
  await page.reload();
  await expect(chooser.getByLabel('2栋', { exact: true })).toBeChecked();
  await expect(chooser.getByLabel('4栋', { exact: true })).not.toBeChecked();
  await expect(page.getByTestId('visit-count')).toHaveText(`共 ${inTwo.length - 1} 人`);
});
