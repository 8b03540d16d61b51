import { expect, test, type Page } from '@playwright/test';
import { openDemoGate } from '../support/app';

const result = (page: Page) => page.getByTestId('visitor-result');
const insideRows = (page: Page) => page.getByTestId('visitor-inside-row');

/** Fills the visitor form by taps and typing, as the duty person does. */
async function fillVisitor(page: Page, v: { kind: string; name: string; phone: string; room: string; code: '绿码' | '黄码' | '红码' }) {
  await page.getByTestId('visitor-kind').getByRole('radio', { name: v.kind }).click();
  await page.getByTestId('visitor-name').fill(v.name);
  await page.getByTestId('visitor-phone').fill(v.phone);
  await page.getByTestId('visitor-room').fill(v.room);
  await page.getByTestId('visitor-health').getByRole('radio', { name: v.code }).click();
}

async function openVisitors(page: Page) {
  await openDemoGate(page);
  await page.getByTestId('gate-tabs').getByRole('link', { name: '访客' }).click();
  await expect(page).toHaveURL(/\/gate\/visitors$/);
  await expect(result(page)).toHaveAttribute('data-kind', 'ready');
}

test.describe('visitors and workers at the gate', () => {
  test('a courier is registered in, listed as still inside (also on the handover), and checked out', async ({ page }) => {
    await openVisitors(page);
    // A form with problems says each of them and records nothing.
    await page.getByTestId('visitor-submit').click();
    await expect(page.getByTestId('visitor-problems')).toContainText('请选择来访事由');
    await expect(page.getByTestId('visitor-problems')).toContainText('请填写 11 位手机号');
    await expect(insideRows(page)).toHaveCount(0);

    await fillVisitor(page, { kind: '快递外卖', name: '李四', phone: '13812341234', room: '3-2-501', code: '绿码' });
    await expect(page.getByTestId('visitor-submit')).toHaveText('登记进入');
    await page.getByTestId('visitor-submit').click();
    await expect(result(page)).toHaveAttribute('data-kind', 'registered');
    await expect(result(page)).toContainText('已登记 · 进入');
    await expect(page.getByTestId('visitor-result-who')).toHaveText('李* · 138****1234');
    await expect(insideRows(page)).toHaveCount(1);
    await expect(insideRows(page)).toContainText('快递外卖 · 去往 3-2-501');
    // The phone is stored, but never shown whole.
    await expect(page.locator('main')).not.toContainText('13812341234');
    await expect(page.getByTestId('visitor-name')).toHaveValue('');

    await page.goto('/handover');
    const sheet = page.getByTestId('visitors-inside');
    await expect(sheet).toContainText('仍在小区内的访客（1）');
    await expect(sheet.getByTestId('visitor-inside-row')).toContainText('李* 138****1234');
    await expect(sheet.getByTestId('visitor-check-out')).toHaveCount(0);
    await page.emulateMedia({ media: 'print' });
    await expect(sheet.getByTestId('visitor-inside-row')).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    await page.goto('/gate/visitors');
    await page.getByTestId('visitor-search').fill('1234');
    await expect(insideRows(page)).toHaveCount(1);
    await page.getByTestId('visitor-check-out').click();
    await expect(result(page)).toHaveAttribute('data-kind', 'left');
    await expect(result(page)).toContainText('已登记离开');
    await expect(page.getByTestId('visitors-inside')).toContainText('没有仍在小区内的访客');

    await page.goto('/handover');
    await expect(page.getByTestId('visitors-inside')).toContainText('仍在小区内的访客（0）');
    await page.goto('/tally');
    await expect(page.getByTestId('tally-visitors-registered')).toContainText('1');
    await expect(page.getByTestId('tally-visitors-left')).toContainText('1');
    await expect(page.getByTestId('tally-visitors-inside')).toContainText('0');
  });

  test('a red health code is refused and the refusal recorded; nobody is let inside', async ({ page }) => {
    await openVisitors(page);
    await fillVisitor(page, { kind: '维修', name: '王师傅', phone: '139 0000 5678', room: '1-1-101', code: '红码' });
    await expect(page.getByTestId('visitor-submit')).toHaveText('拒绝进入并记录');
    await page.getByTestId('visitor-submit').click();
    await expect(result(page)).toHaveAttribute('data-kind', 'refused');
    await expect(page.getByTestId('visitor-reason')).toHaveText('健康码红码：不得进入，请联系防疫人员');
    await expect(page.getByTestId('visitor-result-who')).toHaveText('王*傅 · 139****5678');
    await expect(page.getByTestId('visitors-inside')).toContainText('没有仍在小区内的访客');

    await page.goto('/tally');
    await expect(page.getByTestId('tally-visitors-refused')).toContainText('1');
    await expect(page.getByTestId('tally-visitors-registered')).toContainText('0');
  });
});
