import { expect, test, type Browser, type Page } from '@playwright/test';
import { newTablet, signIn, verdict, wedgeScan } from '../support/app';
import { formatJoinCode, parseJoinCode } from '../../src/lib/site/join-code';

/** A creates a site and records two scans at its gate; returns A and the site's join code. */
async function siteWithEntries(browser: Browser, baseURL: string): Promise<{ a: Page; code: string }> {
  const a = await newTablet(browser, baseURL);
  await a.getByLabel('站点名称').fill('和平里小区');
  await a.getByRole('button', { name: '创建' }).click();
  await expect(a.getByText('选择岗位')).toBeVisible();
  await signIn(a, '王五');
  await wedgeScan(a, 'VISITOR-PASS-001');
  await expect(verdict(a)).toHaveAttribute('data-kind', 'refused');
  await wedgeScan(a, 'VISITOR-PASS-002');
  await expect(a.getByTestId('tally-refused')).toContainText('2');
  await a.goto('/settings');
  await a.getByRole('button', { name: '显示加入码' }).click();
  const code = (await a.getByTestId('join-code').textContent())!.trim();
  await a.goto('/gate');
  await expect(verdict(a)).toHaveAttribute('data-kind', 'ready');
  return { a, code };
}

async function join(page: Page, code: string) {
  await page.getByTestId('join-code-input').fill(code);
  await page.getByRole('button', { name: '加入', exact: true }).click();
}

// Tablets this test makes itself are not closed by Playwright: left open, they would stay in
// their site's room and sync into the next test.
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test('a tablet joins a site with its join code and receives its entries', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { a, code } = await siteWithEntries(browser, baseURL!);

  // A bad code is refused with a message.
  const b = await newTablet(browser, baseURL!);
  await join(b, code.slice(0, 30));
  await expect(b.getByRole('alert')).toHaveText('这不是有效的加入码。请重新扫描或完整粘贴。');

  await join(b, code);
  await expect(b.getByText('选择岗位')).toBeVisible();
  await expect(b.getByRole('navigation')).toContainText('和平里小区');
  await signIn(b, '赵六');
  await expect(b.getByTestId('sync-status')).toHaveAttribute('data-peers', '1', { timeout: 30_000 });
  await expect(b.getByTestId('tally-refused')).toContainText('2', { timeout: 15_000 });
  await wedgeScan(a, 'VISITOR-PASS-003');
  await expect(b.getByTestId('tally-refused')).toContainText('3', { timeout: 15_000 });
});

test('a tablet with the site id but not its secret finds nobody and receives nothing', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { a, code } = await siteWithEntries(browser, baseURL!);
  const forged = formatJoinCode({ ...parseJoinCode(code)!, secret: 'not-the-secret-of-this-site' });
  const c = await newTablet(browser, baseURL!);
  await join(c, forged);
  await expect(c.getByText('选择岗位')).toBeVisible();
  await signIn(c, '钱七');
  await expect(c.getByTestId('sync-status')).toHaveText('正在寻找其他平板');
  await wedgeScan(a, 'VISITOR-PASS-003');
  await expect(a.getByTestId('tally-refused')).toContainText('3');
  // Give a connection every chance to happen: the same wait a real peer needed above.
  await c.waitForTimeout(8_000);
  await expect(c.getByTestId('sync-status')).toHaveAttribute('data-peers', '0');
  await expect(c.getByTestId('tally-refused')).toContainText('0');
});

test('a text too long to be a join code is told apart from a broken one, and joins nothing', async ({ browser, baseURL }) => {
  const c = await newTablet(browser, baseURL!);
  await join(c, `BSTJ1.${'A'.repeat(3000)}`);
  await expect(c.getByRole('alert')).toContainText('内容过长，不是加入码（加入码最多 2048 个字符）');
  await join(c, 'BSTJ1.not-a-code');
  await expect(c.getByRole('alert')).toContainText('这不是有效的加入码');
  await expect(c.getByText('选择岗位')).toHaveCount(0);
});

test('a new site is made in the tablet’s own time zone, picked from a list, and its clock shows in it', async ({ browser, baseURL }) => {
  const page = await (await browser.newContext({ baseURL, timezoneId: 'Asia/Urumqi' })).newPage();
  await page.goto('/');
  const zone = page.getByTestId('site-time-zone');
  await expect(zone).toHaveValue('Asia/Urumqi');
  // The zone's name is Chromium's own ("Urumqi时间"); its offset and id are ours.
  await expect(zone.locator('option:checked')).toHaveText(/时间 \(UTC\+6\) · Asia\/Urumqi$/);
  await expect(zone.locator('option').first()).toHaveText('中国标准时间 (UTC+8) · Asia/Shanghai');
  await zone.selectOption('Asia/Shanghai');
  await page.getByLabel('站点名称').fill('和平里小区');
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByText('选择岗位')).toBeVisible();
  await signIn(page, '王五');
  await wedgeScan(page, 'BST:NOTOURS:P1');
  // The verdict's time is the site's wall clock (Beijing), not the tablet's (Urumqi, 2 h behind).
  const shown = (await page.getByTestId('recent-item').first().textContent())!.match(/(\d\d):(\d\d):(\d\d)/)!;
  const [h, min] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date()).split(':').map(Number);
  const apart = (((h! * 60 + min!) - (Number(shown[1]) * 60 + Number(shown[2]))) % 1440 + 1440) % 1440;
  expect(apart).toBeLessThanOrEqual(2);
  await page.context().close();
});
