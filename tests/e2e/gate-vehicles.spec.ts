import { expect, test, type Page } from '@playwright/test';
import { openDemoGate } from '../support/app';

const result = (page: Page) => page.getByTestId('vehicle-result');
const logRows = (page: Page) => page.getByTestId('vehicle-log-row');

/** Types a plate on the plate keypad, one real click a character. */
async function typePlate(page: Page, plate: string) {
  const keypad = page.getByTestId('plate-keypad');
  for (const ch of Array.from(plate)) await keypad.getByRole('button', { name: ch, exact: true }).click();
  await expect(page.getByTestId('plate-slots')).toHaveAttribute('data-plate', plate);
}

async function choose(page: Page, group: string, name: string) {
  await page.getByTestId(group).getByRole('radio', { name, exact: true }).click();
}

async function openVehicles(page: Page) {
  await openDemoGate(page);
  await page.getByTestId('gate-tabs').getByRole('link', { name: '车辆' }).click();
  await expect(page).toHaveURL(/\/gate\/vehicles$/);
  await expect(page.getByTestId('vehicle-log')).toContainText('今天还没有登记车辆');
}

test.describe('vehicles at a road checkpoint', () => {
  test('a car entered on the plate keypad is recorded, logged and tallied; a new-energy truck leaves', async ({ page }) => {
    await openVehicles(page);
    // Provinces first; the office letter next, with no digit offered yet.
    await expect(page.getByTestId('plate-keypad').getByRole('button', { name: '京', exact: true })).toBeVisible();
    await page.getByTestId('plate-keypad').getByRole('button', { name: '京', exact: true }).click();
    await expect(page.getByTestId('plate-keypad').getByRole('button', { name: '1', exact: true })).toBeDisabled();
    await expect(page.getByTestId('plate-keypad').getByRole('button', { name: 'I', exact: true })).toHaveCount(0);
    await expect(page.getByTestId('plate-keypad').getByRole('button', { name: 'O', exact: true })).toHaveCount(0);
    await page.getByTestId('plate-back').click();
    await typePlate(page, '京A12345');
    await expect(page.getByTestId('plate-kind')).toHaveText('普通车牌（7 位）');
    await choose(page, 'vehicle-kind', '私家车');
    await page.getByTestId('aboard-more').click();
    await page.getByTestId('aboard-more').click();
    await expect(page.getByTestId('aboard')).toHaveText('3');
    await choose(page, 'vehicle-purpose', '就医');
    await choose(page, 'vehicle-health', '绿码');
    await choose(page, 'vehicle-itinerary', '绿码');
    await page.getByTestId('vehicle-submit').click();
    await expect(result(page)).toHaveAttribute('data-kind', 'passed');
    await expect(result(page)).toContainText('已登记 · 驶入');
    await expect(page.getByTestId('vehicle-result-plate')).toHaveText('京A12345');
    await expect(logRows(page)).toHaveCount(1);
    await expect(logRows(page).first()).toContainText('京A12345');
    await expect(logRows(page).first()).toContainText('私家车 · 3 人');
    // The form is clear for the next vehicle.
    await expect(page.getByTestId('plate-slots')).toHaveAttribute('data-plate', '');

    await choose(page, 'vehicle-direction', '驶出');
    await typePlate(page, '粤BD12345');
    await expect(page.getByTestId('plate-kind')).toHaveText('小型新能源车牌（8 位）');
    await choose(page, 'vehicle-kind', '保供车');
    await choose(page, 'vehicle-purpose', '保供运输');
    await choose(page, 'vehicle-health', '绿码');
    await choose(page, 'vehicle-itinerary', '绿码');
    await page.getByTestId('vehicle-submit').click();
    await expect(result(page)).toContainText('已登记 · 驶出');
    await expect(logRows(page)).toHaveCount(2);
    await expect(logRows(page).first()).toContainText('驶出');
    await expect(logRows(page).first()).toContainText('粤BD12345');

    const tally = page.getByTestId('vehicle-tally');
    await expect(tally.getByTestId('vehicle-tally-car')).toHaveText(/私家车\s*1\s*0/);
    await expect(tally.getByTestId('vehicle-tally-supply-truck')).toHaveText(/保供车\s*0\s*1/);
    await expect(tally.getByTestId('vehicle-tally-total')).toHaveText(/合计\s*1\s*1/);
    await expect(tally.getByTestId('vehicle-tally-people')).toHaveText(/人数\s*3\s*1/);

    // The same truck comes back: chosen from the log, not typed again.
    await choose(page, 'vehicle-direction', '驶入');
    await logRows(page).first().getByTestId('vehicle-choose').click();
    await expect(page.getByTestId('plate-slots')).toHaveAttribute('data-plate', '粤BD12345');
    await expect(page.getByTestId('vehicle-kind').getByRole('radio', { name: '保供车' })).toHaveAttribute('aria-checked', 'true');
    await choose(page, 'vehicle-health', '绿码');
    await choose(page, 'vehicle-itinerary', '绿码');
    await page.getByTestId('vehicle-submit').click();
    await expect(tally.getByTestId('vehicle-tally-supply-truck')).toHaveText(/保供车\s*1\s*1/);

    await page.goto('/tally');
    await expect(page.getByTestId('vehicle-tally-total')).toHaveText(/合计\s*2\s*1/);
  });

  test('a wrong plate is explained in words and nothing is recorded; a large new-energy plate is accepted', async ({ page }) => {
    await openVehicles(page);
    await typePlate(page, '京AL12345');
    await choose(page, 'vehicle-kind', '货车');
    await choose(page, 'vehicle-purpose', '物流运输');
    await choose(page, 'vehicle-health', '绿码');
    await choose(page, 'vehicle-itinerary', '绿码');
    await page.getByTestId('vehicle-submit').click();
    await expect(page.getByTestId('vehicle-problems')).toContainText('8 位是新能源车牌，第 3 位「L」不对');
    await expect(result(page)).toHaveAttribute('data-kind', 'ready');

    await page.getByTestId('plate-clear').click();
    await typePlate(page, '京A123');
    await page.getByTestId('vehicle-submit').click();
    await expect(page.getByTestId('vehicle-problems')).toHaveText('车牌号不完整：已输入 5 位；普通车牌 7 位，新能源车牌 8 位');
    await expect(logRows(page)).toHaveCount(0);

    await page.getByTestId('plate-clear').click();
    await typePlate(page, '粤B12345D');
    await expect(page.getByTestId('plate-kind')).toHaveText('大型新能源车牌（8 位）');
    await page.getByTestId('vehicle-submit').click();
    await expect(result(page)).toHaveAttribute('data-kind', 'passed');
    await expect(page.getByTestId('vehicle-problems')).toHaveCount(0);
    await expect(logRows(page)).toHaveCount(1);
  });

  test('a driver with a yellow itinerary code is refused and the refusal is in the log', async ({ page }) => {
    await openVehicles(page);
    await typePlate(page, '沪C88888');
    await choose(page, 'vehicle-kind', '货车');
    await choose(page, 'vehicle-purpose', '物流运输');
    await choose(page, 'vehicle-health', '绿码');
    await choose(page, 'vehicle-itinerary', '黄码');
    await expect(page.getByTestId('vehicle-submit')).toHaveText('拒绝通行并记录');
    await page.getByTestId('vehicle-submit').click();
    await expect(result(page)).toHaveAttribute('data-kind', 'refused');
    await expect(page.getByTestId('vehicle-reason')).toHaveText('行程码异常：不得通行');
    await expect(logRows(page).first()).toContainText('行程码异常');
    await expect(page.getByTestId('vehicle-tally-refused')).toHaveText(/拒绝通行\s*1/);
    await expect(page.getByTestId('vehicle-tally-total')).toHaveText(/合计\s*0\s*0/);
  });
});
