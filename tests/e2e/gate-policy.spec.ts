import { expect, test, type Browser, type Page } from '@playwright/test';
import { clockOf } from '../../src/lib/core/day';
import type { Person } from '../../src/lib/core/types';
import { householdOf } from '../../src/lib/gate/outings';
import { maskName } from '../../src/lib/roster/roster';
import { demoCode, demoRoster, openDemoGate, verdict, wedgeScan } from '../support/app';

const PIN = '2468';
const saveButton = (page: Page) => page.getByTestId('policy-save-bar').getByRole('button', { name: '保存更改' });
const dialog = (page: Page) => page.getByTestId('policy-save-dialog');
const synced = (page: Page) => expect(page.getByTestId('sync-status')).toHaveAttribute('data-peers', '1', { timeout: 30_000 });

/** Residents of as many different households. */
function ofDifferentHouseholds(n: number, from = 0): Person[] {
  const seen = new Set<string>();
  return demoRoster()
    .slice(from)
    .filter((p) => !seen.has(householdOf(p)) && !!seen.add(householdOf(p)))
    .slice(0, n);
}

async function tablet(browser: Browser, baseURL: string, staff: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await openDemoGate(page, staff);
  return page;
}

async function openPolicy(page: Page) {
  await page.goto('/');
  await page.getByTestId('tile-policy').click();
  await expect(page.getByRole('heading', { name: '卡口通行规则' })).toBeVisible();
}

// Tablets this test makes itself are not closed by Playwright: left open, they would stay in
// the demo site's room and sync into the next test.
test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test('the supervisor sets only-in mode and a quota behind the PIN; a wrong PIN or a bad quota changes nothing; the tally lists the changes and who made them', async ({ page }) => {
  test.setTimeout(120_000);
  await openDemoGate(page, '李主任');
  await page.goto('/settings');
  await page.getByTestId('pin-input').fill(PIN);
  await page.getByRole('button', { name: '设置密码' }).click();
  await expect(page.getByTestId('pin-status')).toHaveText('已设置主管密码');

  // The tally, in a second tab of the same tablet, shows the policy as it stands.
  const tally = await page.context().newPage();
  await tally.goto('/tally');
  await expect(tally.getByTestId('tally-mode')).toHaveText('当前通行模式：正常通行');
  await expect(tally.getByTestId('tally-quota')).toHaveText('每户外出限额：关闭');
  await expect(tally.getByTestId('policy-log')).toContainText('通行规则未曾更改');

  // The policy screen in front: a tab behind it gets no animation frames, which clicks wait for.
  await page.bringToFront();
  await openPolicy(page);
  await expect(page.getByTestId('policy-no-pin')).toHaveCount(0);
  await expect(page.getByTestId('mode-normal')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('mode-only-in').click();
  await page.getByTestId('quota-on').click();
  await page.getByTestId('quota-days').fill('2');
  await page.getByTestId('quota-outings').fill('1');
  await page.getByTestId('quota-hours').fill('80');

  // A quota out of its bounds: named in words, and saving opens no dialog.
  await expect(page.getByTestId('quota').getByRole('alert')).toHaveText('「时长（小时）」须为 1–72 的整数');
  await saveButton(page).click();
  await expect(page.getByTestId('policy-problem')).toHaveText('未保存：「时长（小时）」须为 1–72 的整数');
  await expect(dialog(page)).toHaveCount(0);
  await page.getByTestId('quota-hours').fill('4');
  await expect(page.getByTestId('quota-summary')).toHaveText('每户外出：每 2 天 1 次，每次不超过 4 小时');
  await expect(page.getByTestId('policy-pending')).toHaveText('有 2 项更改未保存');

  // A wrong PIN: the dialog says so, and nothing is changed anywhere.
  await saveButton(page).click();
  await expect(dialog(page).getByTestId('policy-save-changes').getByRole('listitem')).toHaveText(['通行模式：只进不出', '每户外出：每 2 天 1 次，每次不超过 4 小时']);
  await dialog(page).getByTestId('policy-pin').fill('1111');
  await dialog(page).getByRole('button', { name: '确认保存' }).click();
  await expect(dialog(page).getByRole('alert')).toHaveText('主管密码不正确：未做任何更改');
  await dialog(page).getByRole('button', { name: '取消' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByTestId('policy-pending')).toHaveText('有 2 项更改未保存');
  await expect(tally.getByTestId('tally-mode')).toHaveText('当前通行模式：正常通行');
  await expect(tally.getByTestId('policy-log')).toContainText('通行规则未曾更改');

  // The right PIN: saved, and the tally follows at once.
  await saveButton(page).click();
  await dialog(page).getByTestId('policy-pin').fill(PIN);
  await dialog(page).getByRole('button', { name: '确认保存' }).click();
  await expect(page.getByTestId('policy-saved')).toHaveText('已保存 2 项更改');
  await expect(page.getByTestId('mode-only-in')).toHaveAttribute('aria-checked', 'true');
  await expect(tally.getByTestId('tally-mode')).toHaveText('当前通行模式：只进不出');
  await expect(tally.getByTestId('tally-quota')).toHaveText('每户外出：每 2 天 1 次，每次不超过 4 小时');
  const log = tally.getByTestId('policy-log-item');
  await expect(log).toHaveCount(2);
  await expect(log.filter({ hasText: '通行模式：只进不出' })).toContainText('李主任');
  await expect(log.filter({ hasText: '每户外出：每 2 天 1 次，每次不超过 4 小时' })).toContainText('李主任');

  // Still so after a reload: the change was on disk when the screen said saved.
  await page.reload();
  await expect(page.getByTestId('mode-only-in')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('quota-hours')).toHaveValue('4');
});

test('a policy change on one tablet shows on the policy screen of another once synced', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const a = await tablet(browser, baseURL!, '王五');
  const b = await tablet(browser, baseURL!, '赵六');
  await synced(a);
  await synced(b);
  await openPolicy(b);
  await expect(b.getByTestId('mode-normal')).toHaveAttribute('aria-checked', 'true');

  // A has no PIN set: the screen says so, and the change needs none.
  await openPolicy(a);
  await expect(a.getByTestId('policy-no-pin')).toContainText('尚未设置主管密码');
  await a.getByTestId('mode-closed').click();
  await a.getByTestId('exemption-new').fill('送药上门');
  await a.getByRole('button', { name: '添加' }).click();
  await saveButton(a).click();
  await expect(dialog(a).getByTestId('policy-pin')).toHaveCount(0);
  await dialog(a).getByRole('button', { name: '确认保存' }).click();
  await expect(a.getByTestId('policy-saved')).toHaveText('已保存 2 项更改');

  await expect(b.getByTestId('mode-closed')).toHaveAttribute('aria-checked', 'true', { timeout: 15_000 });
  await expect(b.getByTestId('exemption-name')).toHaveText(['就医', '急救转运', '防疫工作人员', '保供人员', '送药上门']);
  await expect(b.getByTestId('policy-pending')).toHaveCount(0);
});

test('the tally lists who is out past the quota’s hours, with the gate and time they left; whoever came back is not listed', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install();
  const [alice, bob] = ofDifferentHouseholds(2, 90);
  await openDemoGate(page, '王五');
  await openPolicy(page);
  await page.getByTestId('quota-on').click();
  await saveButton(page).click();
  await dialog(page).getByRole('button', { name: '确认保存' }).click();
  await expect(page.getByTestId('policy-saved')).toHaveText('已保存 1 项更改');

  await page.goto('/gate');
  await page.getByRole('radio', { name: '出' }).click();
  const before = await page.evaluate(() => Date.now());
  await wedgeScan(page, demoCode(alice!));
  await expect(verdict(page)).toHaveAttribute('data-kind', 'accepted');
  const after = await page.evaluate(() => Date.now());
  await wedgeScan(page, demoCode(bob!));
  await expect(verdict(page)).toContainText('已登记 · 出');
  await page.getByRole('radio', { name: '进' }).click();
  await wedgeScan(page, demoCode(bob!));
  await expect(verdict(page)).toContainText('已登记 · 进');

  // Three hours on, no one is overdue yet; five hours on, alice is, by about an hour.
  await page.clock.fastForward('03:00:00');
  await page.goto('/tally');
  await expect(page.getByTestId('overdue-none')).toHaveText('没有逾期未归的人');
  await page.clock.fastForward('02:00:00');
  await page.reload();
  const overdue = page.getByTestId('overdue-item');
  await expect(overdue).toHaveCount(1);
  await expect(overdue).toHaveAttribute('data-subject', alice!.id);
  await expect(overdue).toContainText(maskName(alice!.name));
  const left = [before, after].map((t) => clockOf(t, 'Asia/Shanghai').slice(0, 5));
  await expect(overdue).toContainText(new RegExp(`(${left.join('|')}) 从「本机」外出（值班：王五）`));
  await expect(overdue).toContainText('已超时 1 小时');
  await expect(page.getByTestId('overdue')).toContainText('外出超过 4 小时仍未返回的人');
  await expect(page.locator(`[data-testid="overdue-item"][data-subject="${bob!.id}"]`)).toHaveCount(0);
});
