import { expect, test, type Page } from '@playwright/test';
import { demoCode, demoRoster, namedDemoTablet as tablet, openDemoGate, verdict, wedgeScan } from '../support/app';

const row = (page: Page, name: string) => page.getByTestId('device-row').filter({ has: page.getByTestId('device-name').getByText(name, { exact: true }) });
const peers = (page: Page, n: number) => expect(page.getByTestId('sync-status')).toHaveAttribute('data-peers', String(n), { timeout: 30_000 });

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test('the devices panel shows each tablet, connected or last seen, and whether its entries agree', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const people = demoRoster().slice(200, 206);
  const a = await tablet(browser, baseURL!, '北门1号', '王五');
  const b = await tablet(browser, baseURL!, '南门2号', '赵六');
  await peers(a, 1);
  await wedgeScan(a, demoCode(people[0]!));
  await expect(verdict(a)).toHaveAttribute('data-kind', 'accepted');
  await wedgeScan(b, demoCode(people[1]!));
  await expect(verdict(b)).toHaveAttribute('data-kind', 'accepted');

  await a.getByTestId('open-devices').click();
  await expect(row(a, '北门1号')).toContainText('本机');
  await expect(row(a, '南门2号')).toContainText('已直连');
  await expect(row(a, '南门2号')).toContainText('卡口登记');
  await expect(row(a, '南门2号').getByTestId('device-agreement')).toHaveText('数据一致', { timeout: 15_000 });
  await expect(row(a, '南门2号').getByTestId('device-entries')).toHaveText('2 条记录');

  // Apart, B records two more: A still knows B, last seen just now; after they meet again, A
  // catches up and the panel says so.
  await b.getByTestId('sync-toggle').click();
  await expect(row(a, '南门2号')).toContainText('最后联系：刚刚', { timeout: 30_000 });
  for (const p of people.slice(2, 4)) {
    await wedgeScan(b, demoCode(p));
    await expect(verdict(b)).toContainText(p.name.slice(0, 1));
  }
  await b.getByTestId('sync-toggle').click();
  await expect(row(a, '南门2号')).toContainText('已直连', { timeout: 30_000 });
  await expect(row(a, '南门2号').getByTestId('device-entries')).toHaveText('4 条记录', { timeout: 15_000 });
  await expect(row(a, '南门2号').getByTestId('device-agreement')).toHaveText('数据一致', { timeout: 15_000 });
  await expect(row(a, '北门1号').getByTestId('device-entries')).toHaveText('4 条记录');
});

test('a supervisor removes a lost tablet: its later entries are refused everywhere, its earlier ones stay', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const people = demoRoster().slice(220, 223);
  const a = await tablet(browser, baseURL!, '北门1号', '王五');
  const lost = await tablet(browser, baseURL!, '丢失的平板', '赵六');
  await peers(a, 1);
  await wedgeScan(lost, demoCode(people[0]!));
  await expect(verdict(lost)).toHaveAttribute('data-kind', 'accepted');
  await expect(a.getByTestId('tally-in')).toContainText('1', { timeout: 15_000 });

  await a.goto('/settings');
  await a.getByTestId('pin-input').fill('2468');
  await a.getByTestId('pin-input').press('Enter');
  await expect(a.getByTestId('pin-status')).toHaveText(/已设置/);
  await a.goto('/devices');
  await row(a, '丢失的平板').getByTestId('device-remove').click();
  await a.getByTestId('remove-pin').fill('1111');
  await a.getByRole('button', { name: '确认移除' }).click();
  await expect(a.getByRole('alert')).toHaveText('密码不对');
  await a.getByTestId('remove-pin').fill('2468');
  await a.getByRole('button', { name: '确认移除' }).click();
  await expect(row(a, '丢失的平板').getByTestId('device-removed')).toContainText('已移除');

  // The lost tablet learns it was removed; what it records now never reaches A.
  await expect(lost.getByTestId('removed-self')).toBeVisible({ timeout: 15_000 });
  await wedgeScan(lost, demoCode(people[1]!));
  await expect(verdict(lost)).toHaveAttribute('data-kind', 'accepted');
  await expect(a.getByTestId('problems').locator('[data-reason="revoked-device"]').first()).toContainText('已移除平板的新记录', { timeout: 15_000 });
  await a.goto('/gate');
  await expect(a.getByTestId('tally-in')).toContainText('1');
});

test('bad signaling or ICE server addresses are refused with a message and change nothing', async ({ browser, baseURL }) => {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await openDemoGate(page, '王五');
  await page.goto('/settings');
  const inUse = page.getByTestId('signaling-in-use');
  const before = (await inUse.textContent())!;
  expect(before).toContain('/signal');
  await page.getByTestId('signaling-input').fill('http://10.0.0.2/signal');
  await page.getByTestId('ice-input').fill('turn:10.0.0.2:3478');
  await page.getByRole('button', { name: '保存并重新连接' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'ws:// 或 wss://' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'turn: 地址后须跟用户名和密码' })).toBeVisible();
  await expect(inUse).toHaveText(before);
  await page.reload();
  await expect(page.getByTestId('signaling-input')).toHaveValue('');
  await expect(page.getByTestId('ice-input')).toHaveValue('');
});
