import { expect, test } from '@playwright/test';
import { openDemoGate } from '../support/app';

test('a supervisor opens a round with its pooling and sticker colour, and closes it', async ({ page }) => {
  await openDemoGate(page);
  await page.goto('/rounds');
  await expect(page.getByTestId('current-round')).toHaveText('没有进行中的轮次。请主管开启一轮。');

  await page.getByRole('button', { name: '开启', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('请填写轮次名称（40字以内）');

  await page.getByTestId('round-name').fill('第3轮');
  await page.getByRole('radio', { name: '五混一' }).check();
  await page.getByRole('combobox').selectOption({ label: '绿色' });
  await page.getByRole('button', { name: '开启', exact: true }).click();
  await expect(page.getByTestId('current-round')).toHaveText('当前轮次：第3轮');
  const row = page.getByTestId('rounds').getByRole('listitem').first();
  await expect(row).toContainText('五混一');
  await expect(row).toContainText('绿色');
  await expect(row).toContainText('进行中');

  // The round is in the site doc: it is there after a reload.
  await page.reload();
  await expect(page.getByTestId('current-round')).toHaveText('当前轮次：第3轮');

  page.on('dialog', (d) => d.accept());
  await row.getByRole('button', { name: '结束本轮' }).click();
  await expect(row).toContainText('已结束');
  await expect(page.getByTestId('current-round')).toHaveText('没有进行中的轮次。请主管开启一轮。');
});
